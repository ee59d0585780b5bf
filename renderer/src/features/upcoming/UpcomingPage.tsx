/**
 * The landing page of a section whose screens have not shipped yet: what it
 * will hold, so a user knows where their work will live.
 */
import { SECTIONS, type SectionId } from '../../../../shared/sections';
import { PageHeader } from '../../components/PageHeader';

const PLANNED: Partial<Record<SectionId, { items: string[]; today: string }>> = {
  subsidy: {
    items: ['交付要綱（基準額・補助率・上限額）を年度ごとに管理', '交付申請から額の確定・返還までの記録', '所要額調書・精算書の列ごとの計算', '試算（基準額や補助率を変えた場合の影響）'],
    today: '計算は交付要綱第4条のとおり、事業ごとに千円未満を切り捨ててから合計します。',
  },
  survey: {
    items: ['センター人員配置状況調査', '在宅医療提供体制に関する実態調査（診療所）', '調査票（Excel）の一括作成と回収・取り込み', '回答状況の管理、圏域別集計と前回比較'],
    today: '割合は n と端数処理の方法を添えて表示します。',
  },
};

export function UpcomingPage({ section }: { section: SectionId }) {
  const meta = SECTIONS.find((s) => s.id === section)!;
  const plan = PLANNED[section];
  return (
    <>
      <PageHeader title={meta.label} lead={meta.description} />
      <div className="upcoming">
        <section className="notice" aria-label="準備状況">
          <strong>この画面は次の更新で使えるようになります。</strong>
          <br />
          {plan?.today}
        </section>
        {plan && (
          <section className="card">
            <h2>ここで行えるようになること</h2>
            <ul>
              {plan.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
}
