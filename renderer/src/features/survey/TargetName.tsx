/**
 * A target as every 調査 screen names it: 「山田医院（新潟市）」, its municipality muted beside the name — a prefecture
 * has several 山田医院, and the place is what tells them apart.
 */
import { PlaceAfterName } from '@renderer/components/PlaceAfterName';
import type { SurveyTarget } from '@shared/contract/survey';

type Named = Pick<SurveyTarget, 'name' | 'municipalityName'>;

/** 「（新潟市）」 after a name written elsewhere (e.g. inside a button); nothing when the place is not known or the name ends with it. */
export function TargetPlace({ target }: { target: Named }) {
  return <PlaceAfterName name={target.name} municipalityName={target.municipalityName} />;
}

/** 「山田医院（新潟市）」. */
export function TargetName({ target }: { target: Named }) {
  return (
    <>
      {target.name}
      <TargetPlace target={target} />
    </>
  );
}
