/**
 * Why a shared database did not open, in words for the person at the desk:
 * what happened and what to do, chosen by the code under the core's message
 * (a PostgreSQL SQLSTATE, Node's network code, or a certificate's). The
 * core's own message is written for the CLI (PGPASSWORD, .pgpass); here the
 * desktop says it with its form. The connect page shows every failure with
 * the offer to go back to この PC のデータベース.
 */
import type { ConnectFailure } from '@shared/connect-form';
import { parsePgServer, pgServerLabel } from '../core/kernel/db/postgres';

export type { ConnectFailure };

/** A sign-in the server refused: a wrong password, or a login it does not know (the core tells them apart to nobody). */
const SIGN_IN_REFUSED = new Set(['28P01', '28000']);
/** The server is not there: refused, no such name, no route, no answer. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
/** The server's certificate could not be trusted (Node's TLS codes). */
const CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * The failure to show for a connection to `url` that did not open.
 * `error.code` is the code under the core's message (CoreOpenError), absent
 * when there is none; `error.message` is the core's own message.
 */
export function connectFailure(url: string, error: { message: string; code?: string | undefined }): ConnectFailure {
  const { server, user } = parsePgServer(url);
  const where = pgServerLabel(server);
  const code = error.code ?? '';
  if (SIGN_IN_REFUSED.has(code)) {
    return {
      kind: 'password',
      title: 'ユーザー名またはパスワードが違います',
      message:
        `共有データベース（${where}）に、ユーザー名「${user ?? ''}」でサインインできませんでした。` +
        'ユーザー名とパスワードを確かめて入力し直してください（保存したパスワードが古いときも、入力し直して保存すると置き換わります）。' +
        'パスワードを忘れたときは、県の担当者（Renkei の利用者を管理する人）にリセットを依頼してください。',
    };
  }
  if (UNREACHABLE.has(code) || /timeout/i.test(error.message)) {
    const name =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `サーバー名「${server.host}」が見つかりません` : 'サーバーから応答がありません';
    return {
      kind: 'unreachable',
      title: '共有データベースのサーバーに接続できません',
      message:
        `${name}（${where}）。サーバー名とポートが正しいか、この PC が庁内のネットワークにつながっているかを確かめてから、もう一度接続してください。` +
        'それでも接続できないときは、サーバーが止まっていないか情報システム担当に確かめてください。',
    };
  }
  if (CERTIFICATE.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return {
      kind: 'tls',
      title: 'サーバーの証明書を確かめられません',
      message:
        `通信を暗号化（TLS）するためのサーバーの証明書が、この PC では信頼できないか、期限切れか、サーバー名「${server.host}」と合っていません（${code}）。` +
        '情報システム担当に、サーバーの証明書とこの PC に登録する認証局の証明書を確かめてもらってください。' +
        '暗号化をやめて接続すると、パスワードとデータが読める形でネットワークを流れるため、庁内のサーバーでは外さないでください。',
    };
  }
  if (/does not support SSL/i.test(error.message)) {
    return {
      kind: 'no-tls',
      title: 'サーバーが暗号化（TLS）に対応していません',
      message:
        `共有データベースのサーバー（${where}）は、暗号化（TLS）した接続を受け付けていません。` +
        '庁内のサーバーなら、情報システム担当に TLS の設定を依頼してください。' +
        'サーバーがこの PC の中にあるときだけ、「通信を暗号化する（TLS）」を外して接続できます。',
    };
  }
  if (code === '3D000') {
    return {
      kind: 'database',
      title: 'データベースが見つかりません',
      message: `サーバーに「${server.database}」というデータベースがありません。データベース名を確かめて入力し直してください（情報システム担当から受け取った名前です）。`,
    };
  }
  return { kind: 'other', title: '共有データベースを開けません', message: error.message };
}
