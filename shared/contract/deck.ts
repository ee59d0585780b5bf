/**
 * 会議資料 (core: electron/core/deck): decks of slides for a review meeting —
 * report blocks drawn from live figures and text slides — shown full screen,
 * printed as handouts, and the read-only copy of the database taken to the
 * meeting (会議用に持ち出す).
 */
import { z } from 'zod';
import type { IsoDate } from '../dates';
import { textSlideType, tooMuchText } from '../deck/slide-type';
import { DECK_TITLE_MAX } from '../deck/title';
import type { ReportBlock } from '../report/model';
import { emptyInput, fiscalYearSchema, versionSchema } from './common';
import { command, lazySchema, mutation, query } from './define';
import type { RenderedReport } from './report';

/**
 * A refusal about one slide, naming it by its place in the deck when it is in one (the issue's path holds its index),
 * so an officer with several blank slides knows which to fill in.
 * @example aboutSlide('見出しを入力してください') // 「3枚目のスライドの見出しを入力してください」 for slides[2]; 「このスライドの…」 alone
 */
function aboutSlide(problem: string) {
  return {
    error: (issue: { path?: PropertyKey[] }) => {
      const index = issue.path?.find((part) => typeof part === 'number');
      return `${index === undefined ? 'この' : `${index + 1}枚目の`}スライドの${problem}`;
    },
  };
}

const notesSchema = lazySchema(() => z.string().trim().max(400, aboutSlide('メモは400文字以内で入力してください')).default(''));

export const textSlideSchema = lazySchema(() =>
  z
    .object({
      kind: z.literal('text'),
      title: z.string().trim().min(1, aboutSlide('見出しを入力してください')).max(40, aboutSlide('見出しは40文字以内で入力してください')),
      /** One bullet per line: agenda items, decisions. */
      lines: z
        .array(z.string().trim().max(80, aboutSlide('箇条書きは1行80文字以内で入力してください')))
        .max(8, aboutSlide('箇条書きは8行までです。続きは次のスライドに分けてください'))
        .default([]),
      notes: notesSchema,
    })
    .strict(),
);

export const blockSlideSchema = lazySchema(() =>
  z
    .object({
      kind: z.literal('block'),
      /** A block of deck.blocks. */
      block: z.string().min(1, aboutSlide('集計を選んでください')),
      /** For a yearly block; the newest year with data when left out. */
      fiscalYear: fiscalYearSchema.optional(),
      notes: notesSchema,
    })
    .strict(),
);

export const slideSchema = lazySchema(() => z.discriminatedUnion('kind', [textSlideSchema, blockSlideSchema]));
export type Slide = z.output<typeof slideSchema>;
export type SlideInput = z.input<typeof slideSchema>;

export const deckInputSchema = lazySchema(() =>
  z
    .object({
      /** Absent for a new deck. */
      id: z.number().int().positive().optional(),
      title: z
        .string()
        .trim()
        .min(1, { message: '資料の名前を入力してください' })
        .max(DECK_TITLE_MAX, { message: `資料の名前は${DECK_TITLE_MAX}文字以内で入力してください` }),
      /** The meeting the deck is for (会議の記録), if any. */
      meetingId: z.number().int().positive().nullable().default(null),
      slides: z
        .array(slideSchema)
        .max(60, { message: 'スライドは60枚までです' })
        // A text slide too full to show at the least readable type is not saved: the stage and the handout could not show it whole.
        .superRefine((slides, ctx) => {
          for (const [i, slide] of slides.entries()) {
            const problem = slide.kind === 'text' ? tooMuchText(textSlideType(slide)) : null;
            if (problem) ctx.addIssue({ code: 'custom', path: [i, 'lines'], message: `${i + 1}枚目のスライドは${problem}` });
          }
        }),
      version: versionSchema,
    })
    .strict(),
);

/** The meeting a deck is for, as its page names it. */
export interface DeckMeeting {
  id: number;
  /** 「第3回 運営会議（令和5年9月12日）」 */
  title: string;
  fiscalYear: number;
  /** The day it is held: the date its slides carry. */
  heldOn: IsoDate;
}

export interface DeckSummary {
  id: number;
  title: string;
  meetingId: number | null;
  /** Null for a deck of no meeting. */
  meeting: DeckMeeting | null;
  slides: number;
  /** ISO instant. */
  updatedAt: string;
}

export interface Deck extends DeckSummary {
  slides: number;
  content: Slide[];
  /** Bumped by every save; send it back with deck.save so a save over someone else's newer one is refused. */
  version: number;
}

/** A report block a slide can show: one topic from an existing report, read live. */
export interface DeckBlockInfo {
  id: string;
  label: string;
  description: string;
  needsFiscalYear: boolean;
  /** For a yearly block: the 年度 with data, newest first. */
  fiscalYears: number[];
}

/** One slide as shown: what the stage and the handout draw. */
export interface ShownSlide {
  title: string;
  /** 「令和5年度」 for a yearly block. */
  subtitle?: string;
  /** Bullet lines of a text slide. */
  lines: string[];
  /** Figures, tables and charts of a block slide. */
  blocks: ReportBlock[];
  notes: string;
  /** Set when the slide's figures cannot be read (a year without data): the stage shows it instead. */
  problem?: string;
}

export interface ShownDeckSlide {
  deckId: number;
  deckTitle: string;
  index: number;
  count: number;
  slide: ShownSlide;
}

export const HANDOUT_LAYOUTS = [1, 2, 4] as const;
export type HandoutLayout = (typeof HANDOUT_LAYOUTS)[number];

/** What the meeting copy may leave out, for a meeting with outside members. */
export const COPY_LEAVE_OUTS = ['institution_answers'] as const;
export type CopyLeaveOut = (typeof COPY_LEAVE_OUTS)[number];
export const COPY_LEAVE_OUT_LABELS: Record<CopyLeaveOut, string> = {
  institution_answers: '医療機関ごとの調査回答',
};

export interface MeetingCopyResult {
  path: string;
  /** IsoDate the copy is as of. */
  asOf: string;
  leftOut: CopyLeaveOut[];
  sizeBytes: number;
}

const deckId = lazySchema(() => z.object({ id: z.number().int().positive() }).strict());

export const deckOperations = {
  /** All decks, or one meeting's (its page's 会議資料). */
  'deck.list': query<DeckSummary[]>('会議資料の一覧')(() => z.object({ meetingId: z.number().int().positive().optional() }).strict()),
  'deck.get': query<Deck>('会議資料の表示')(() => deckId),
  'deck.blocks': query<DeckBlockInfo[]>('スライドにできる集計の一覧')(() => emptyInput),
  /** One slide of a saved deck, read live: what the presentation shows. */
  'deck.slide': query<ShownDeckSlide>('スライドの表示')(() =>
    z.object({ id: z.number().int().positive(), index: z.number().int().min(0) }).strict(),
  ),
  /** A slide not saved yet, as it would show: the editor's preview. */
  'deck.preview': query<ShownSlide>('スライドの下見')(() => z.object({ slide: slideSchema }).strict()),
  'deck.save': mutation<Deck>('会議資料の保存')(() => deckInputSchema),
  'deck.delete': mutation<{ id: number }>('会議資料の削除')(() =>
    z.object({ id: z.number().int().positive(), version: versionSchema }).strict(),
  ),
  /** The deck on A4 with 1, 2 or 4 slides a page, optional lines for notes, page numbers. */
  'deck.handout': query<RenderedReport>('配布資料の出力')(() =>
    z
      .object({
        id: z.number().int().positive(),
        perPage: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(4),
        noteLines: z.boolean().default(false),
      })
      .strict(),
  ),
  /** 会議用に持ち出す: a consistent copy of the database as of now, that Renkei opens read-only. */
  'deck.meetingCopy': command<MeetingCopyResult>('会議用に持ち出す')(() =>
    z
      .object({
        path: z.string().trim().min(1, { message: '保存先のファイルを指定してください' }),
        leaveOut: z.array(z.enum(COPY_LEAVE_OUTS)).default([]),
      })
      .strict(),
  ),
};
