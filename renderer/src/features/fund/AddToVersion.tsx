/** 「この版に事業を加える」: a project that exists but is not in the version on screen joins it with zero amounts. */
import { type FormEvent, useState } from 'react';
import { useMutation } from '@renderer/api/hooks';
import { Field } from '@renderer/components/Field';
import { useToast } from '@renderer/components/Toast';
import type { FundProject } from '@shared/contract/fund';
import { zeroLine } from './amountLine';

export function AddToVersion({ versionId, projects }: { versionId: number; projects: readonly FundProject[] }) {
  const [projectId, setProjectId] = useState('');
  const add = useMutation('fund.amounts.save');
  const toast = useToast();
  if (projects.length === 0) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const project = projects.find((p) => String(p.id) === projectId);
    if (!project) return;
    if (await add.run({ versionId, lines: [zeroLine(project.id)] })) {
      toast(`${project.name}をこの版に加えました。表で金額を入力してください`, 'success');
      setProjectId('');
    }
  };

  return (
    <form className="toolbar fund-add-project" onSubmit={submit} aria-label="この版に事業を加える">
      <Field label="この版にない事業">
        {(p) => (
          <select {...p} value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <option value="">（選んでください）</option>
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.number} {project.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button--secondary" disabled={projectId === '' || add.pending}>
        この版に事業を加える
      </button>
      {add.error && (
        <div className="notice notice--error" role="alert">
          {add.error.message}
        </div>
      )}
    </form>
  );
}
