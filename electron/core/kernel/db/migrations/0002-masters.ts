/**
 * 台帳: the prefecture, areas of several kinds and their members,
 * municipalities with dated population figures, medical associations,
 * centers, the municipal 連携推進事業 items, institutions and designations.
 * References are foreign keys, so a referenced record cannot be deleted.
 */
import { type Kysely, sql } from 'kysely';
import { generatedId } from './columns';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('prefecture')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('municipality')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kana', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('designated_city', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('core_city', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('population')
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code').onDelete('cascade'))
    .addColumn('base_date', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('age65', 'integer', (c) => c.notNull())
    .addColumn('age75', 'integer', (c) => c.notNull())
    .addColumn('age85', 'integer', (c) => c.notNull())
    .addColumn('area_centi_km2', 'integer')
    .addPrimaryKeyConstraint('population_pk', ['municipality_code', 'base_date'])
    .execute();

  await db.schema
    .createTable('area')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('area.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('area_kind_name', ['kind', 'name'])
    .execute();

  await db.schema
    .createTable('area_member')
    .addColumn('area_id', 'integer', (c) => c.notNull().references('area.id').onDelete('cascade'))
    .addColumn('area_kind', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addPrimaryKeyConstraint('area_member_pk', ['area_id', 'municipality_code'])
    // One area of each kind per municipality.
    .addUniqueConstraint('area_member_one_per_kind', ['area_kind', 'municipality_code'])
    .execute();

  await db.schema
    .createTable('medical_association')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('association_member')
    .addColumn('association_id', 'integer', (c) => c.notNull().references('medical_association.id').onDelete('cascade'))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addPrimaryKeyConstraint('association_member_pk', ['association_id', 'municipality_code'])
    .execute();

  await db.schema
    .createTable('center')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('operator_association_id', 'integer', (c) => c.references('medical_association.id'))
    .addColumn('entrusted_to', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'text')
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subsidy_class', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('center_member')
    .addColumn('center_id', 'integer', (c) => c.notNull().references('center.id').onDelete('cascade'))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addPrimaryKeyConstraint('center_member_pk', ['center_id', 'municipality_code'])
    .execute();

  await db.schema
    .createTable('linkage_item')
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('center_id', 'integer', (c) => c.references('center.id'))
    .addColumn('entrusted_body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('joint_with', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('linkage_item_pk', ['municipality_code', 'fiscal_year', 'item'])
    .execute();

  await db.schema
    .createTable('institution')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.references('municipality.code'))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('home_care_support', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enhanced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('beds', 'integer')
    // Name, code, address and municipality folded by searchKey(), for width- and kana-insensitive search.
    .addColumn('search_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('institution_municipality').on('institution').column('municipality_code').execute();

  await db.schema
    .createTable('designation')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('institution.id'))
    .addColumn('area_id', 'integer', (c) => c.notNull().references('area.id'))
    .addColumn('designated_on', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('designation_partner')
    .addColumn('designation_id', 'integer', (c) => c.notNull().references('designation.id').onDelete('cascade'))
    .addColumn('institution_id', 'integer', (c) => c.notNull().references('institution.id'))
    // 'institution' (連携している医療機関) or 'station' (連携している訪問看護事業所).
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('designation_partner_pk', ['designation_id', 'institution_id', 'role'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'designation_partner',
    'designation',
    'institution',
    'linkage_item',
    'center_member',
    'center',
    'association_member',
    'medical_association',
    'area_member',
    'area',
    'population',
    'municipality',
    'prefecture',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
