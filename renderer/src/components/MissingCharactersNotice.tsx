/**
 * What a PDF the core wrote prints as 〓 (characters none of the app's fonts holds): a paragraph per text to change,
 * each saying where it is and what to do, as the core words it. Nothing when there is none.
 */
import type { ReactNode } from 'react';

export function MissingCharactersNotice({ warnings, lead, testId }: { warnings: readonly string[]; lead?: ReactNode; testId?: string }) {
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice--error missing-characters" role="alert" data-testid={testId}>
      {lead && <p className="missing-characters__lead">{lead}</p>}
      {warnings.map((warning) => (
        <p key={warning}>{warning}</p>
      ))}
    </div>
  );
}
