/**
 * 「（新潟市）」 after an institution's or a target's name, muted, on every screen that lists them: a prefecture has
 * several 山田医院, and the place is what tells them apart.
 */
import { placeAfterName } from '@shared/masters/model';

/** Nothing when the place is not known or the name already ends with it (placeAfterName). */
export function PlaceAfterName({ name, municipalityName }: { name: string; municipalityName: string | null | undefined }) {
  const place = placeAfterName(name, municipalityName);
  return place ? <span className="muted place-after-name">（{place}）</span> : null;
}
