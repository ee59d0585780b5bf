/**
 * Every migration the program knows, in order. Names sort in the order they
 * run; a database holding a name not listed here was written by a newer
 * Renkei and is refused.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-masters';
import * as m0003 from './0003-fund';
import * as m0004 from './0004-fund-evaluation';
import * as m0005 from './0005-subsidy';
import * as m0006 from './0006-survey';
import * as m0007 from './0007-change-journal';
import * as m0008 from './0008-fund-plan';
import * as m0009 from './0009-document-register';
import * as m0010 from './0010-template';
import * as m0011 from './0011-meeting';
import * as m0012 from './0012-center-activity';
import * as m0013 from './0013-deck';
import * as m0014 from './0014-people';
import * as m0016 from './0016-subsidy-tax-credit';
import * as m0017 from './0017-deck-meeting';
import * as m0018 from './0018-versions';
import * as m0019 from './0019-versions-more';
import * as m0020 from './0020-versions-last';
import * as m0021 from './0021-institution-name-order';
import * as m0022 from './0022-search-key-dashes';
import * as m0023 from './0023-activity-no-carry-over';
import * as m0024 from './0024-survey-definition-version';
import * as m0025 from './0025-search-key-reading';
import * as m0026 from './0026-subsidy-regulation-name';
import * as m0027 from './0027-search-key-small-ke';
import * as m0028 from './0028-search-key-place-ga';
import * as m0029 from './0029-search-key-kanji-variants';
import * as m0030 from './0030-survey-name-unique';
import * as m0031 from './0031-institution-name-order-key';
import * as m0032 from './0032-document-register-subsidy-year';
import * as m0033 from './0033-journal-row-ranges';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-foundation': m0001,
  '0002-masters': m0002,
  '0003-fund': m0003,
  '0004-fund-evaluation': m0004,
  '0005-subsidy': m0005,
  '0006-survey': m0006,
  '0007-change-journal': m0007,
  '0008-fund-plan': m0008,
  '0009-document-register': m0009,
  '0010-template': m0010,
  '0011-meeting': m0011,
  '0012-center-activity': m0012,
  '0013-deck': m0013,
  '0014-people': m0014,
  '0016-subsidy-tax-credit': m0016,
  '0017-deck-meeting': m0017,
  '0018-versions': m0018,
  '0019-versions-more': m0019,
  '0020-versions-last': m0020,
  '0021-institution-name-order': m0021,
  '0022-search-key-dashes': m0022,
  '0023-activity-no-carry-over': m0023,
  '0024-survey-definition-version': m0024,
  '0025-search-key-reading': m0025,
  '0026-subsidy-regulation-name': m0026,
  '0027-search-key-small-ke': m0027,
  '0028-search-key-place-ga': m0028,
  '0029-search-key-kanji-variants': m0029,
  '0030-survey-name-unique': m0030,
  '0031-institution-name-order-key': m0031,
  '0032-document-register-subsidy-year': m0032,
  '0033-journal-row-ranges': m0033,
};
