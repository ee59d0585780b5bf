/** Small records tests build on, made through the core's own operations as a screen would. */
import type { Core } from '@core/core';

/** 札幌市 and its 医師会 (version 0): the least a test of one record's versions needs. */
export async function sapporoAssociation(core: Core) {
  await core.call('masters.municipalities.save', {
    code: '011002',
    name: '札幌市',
    kana: 'さっぽろし',
    type: '市',
    designatedCity: true,
    coreCity: false,
    areas: {},
    isNew: true,
  });
  const form = { kind: 'county' as const, municipalityCodes: ['011002'] };
  const association = await core.call('masters.associations.save', { name: '札幌市医師会', ...form });
  return { form, association };
}
