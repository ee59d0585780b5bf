/**
 * What the desktop's 共有データベースに接続 page and the shell say to each
 * other over the preload bridge (renderer/src/app/ConnectPage.tsx,
 * electron/main/main.ts): the form, why a connection failed, and what the
 * page starts from. The password is only ever typed, never sent back.
 */

/** The connection form, as the page sends it (the shell checks its shape again: readConnectForm). */
export interface ConnectForm {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  /** 「パスワードを保存する」: seal it with the OS keychain for the next start. */
  savePassword: boolean;
  /** 通信を暗号化する（TLS）: on unless the user turned it off. */
  tls: boolean;
}

export type ConnectFailureKind = 'password' | 'unreachable' | 'tls' | 'no-tls' | 'database' | 'other';

/** Why a shared database did not open, and what to do (electron/main/connect-errors.ts). */
export interface ConnectFailure {
  kind: ConnectFailureKind;
  title: string;
  /** What happened and what to do. */
  message: string;
}

/** What the connect page starts from. */
export interface ConnectPageState {
  form: Omit<ConnectForm, 'password'>;
  /** A password is kept in the keychain for this database (leaving the field empty uses it). */
  passwordKept: boolean;
  /** This PC can keep a password safely (a keychain); otherwise it is asked for at each start. */
  canKeepPassword: boolean;
  /** The window is on a shared database now. */
  onShared: boolean;
  /** The form was opened because the last shared database would not open at start. */
  reason: ConnectFailure | null;
}
