/**
 * The one file chooser: a 「ファイルを選択」 button in Japanese over the browser's
 * file input (which says "Choose File / No file chosen"), showing what was chosen
 * or 「選択されていません」. The input stays in the page, focusable and labelled,
 * so the keyboard, screen readers and tests reach it as before.
 */
import { useState } from 'react';
import './inputs.css';

export interface FileFieldProps {
  onChange(files: FileList | null): void;
  accept?: string;
  multiple?: boolean;
  /** Choose a folder: every file under it. */
  directory?: boolean;
  /** The button's words; 「ファイルを選択」 or 「フォルダを選択」 by default. */
  buttonLabel?: string;
  id?: string;
  disabled?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** What was chosen, in a line: a.xlsx / a.xlsx ほか2件 / フォルダ「回収分」（12件）. */
function chosenText(files: FileList, directory: boolean): string {
  const first = files[0]!;
  if (directory) {
    const folder = first.webkitRelativePath.split('/')[0] || first.name;
    return `フォルダ「${folder}」（${files.length}件）`;
  }
  return files.length === 1 ? first.name : `${first.name} ほか${files.length - 1}件`;
}

export function FileField({ onChange, accept, multiple, directory = false, buttonLabel, ...input }: FileFieldProps) {
  const [chosen, setChosen] = useState<string | null>(null);
  const id = input.id;
  return (
    <div className="file-field">
      <input
        {...input}
        type="file"
        accept={accept}
        multiple={multiple}
        {...(directory ? { webkitdirectory: '' } : {})}
        onChange={(e) => {
          const files = e.target.files;
          setChosen(files && files.length > 0 ? chosenText(files, directory) : null);
          onChange(files);
          // Forgotten once handed over, so that choosing the same file again (after a commit, or another kind) is a change.
          e.target.value = '';
        }}
      />
      <label htmlFor={id} className="file-field__button" aria-hidden="true">
        {buttonLabel ?? (directory ? 'フォルダを選択' : 'ファイルを選択')}
      </label>
      <span className={`file-field__name${chosen ? ' file-field__name--chosen' : ''}`}>{chosen ?? '選択されていません'}</span>
    </div>
  );
}
