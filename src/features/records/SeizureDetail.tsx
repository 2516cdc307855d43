/**
 * One seizure in full: where and when (with the precision of each), what was seized, the
 * suspected route, and its firearms and trace requests, read from DuckDB by the seizure's id.
 */
import { ScrollingTable } from '../../components/ScrollingTable';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { Panel } from '../../components/Panel';
import { useQuery } from '../../db/useQuery';
import { formatNumber } from '../../i18n';
import { seizureDetailQuery, seizureFirearmsQuery, seizureTracesQuery } from '../../sql/records';
import { useViewState } from '../../state/store';

interface DetailRow {
  seizure_id: number;
  /** Null for an imported record kept undated. */
  seizure_date: string | null;
  date_precision: string;
  /** Null (with the coordinates) for an imported record placed in no country. */
  country: string | null;
  admin1: string | null;
  admin1_name: string | null;
  lat: number | null;
  lon: number | null;
  location_precision: string;
  place_type: string;
  agency: string;
  operation: string | null;
  basis: string;
  legal_justification: string;
  criminal_context: string;
  firearms_count: number;
  parts_count: number;
  ammunition_rounds: number;
  arrests: number;
  transport_mode: string;
  concealment: string;
  origin_iso3: string | null;
  transit: string[];
  destination_iso3: string | null;
  source_reliability: string;
  [crime: `crime_${string}`]: boolean | unknown;
}

type Cell = string | number | null;

/** The detail panel of one seizure; `onClose` clears the selection. */
export function SeizureDetail({ seizureId, onClose }: { seizureId: number; onClose: () => void }) {
  const { coordinator, store } = useAtlas();
  const { lang } = useViewState(store);
  const { t } = useTranslation();
  const detail = useQuery<DetailRow>(
    coordinator,
    seizureDetailQuery(seizureId, lang),
    'records.detail',
  );
  const firearms = useQuery<Record<string, Cell>>(
    coordinator,
    seizureFirearmsQuery(seizureId),
    'records.detail.firearms',
  );
  const traces = useQuery<Record<string, Cell>>(
    coordinator,
    seizureTracesQuery(seizureId),
    'records.detail.traces',
  );
  const d = detail.rows?.[0];
  const num = (n: number) => formatNumber(n, lang);
  const crimes = d
    ? Object.keys(d)
        .filter((k) => k.startsWith('crime_') && d[k as `crime_${string}`] === true)
        .map((k) => t(`vocab.crime.${k.slice(6)}`))
    : [];
  const facts: [string, string][] = d
    ? [
        [
          t('detail.date'),
          d.seizure_date
            ? `${d.seizure_date} (${t(`detail.datePrecision.${d.date_precision}`)})`
            : t('detail.datePrecision.unknown'),
        ],
        [
          t('detail.place'),
          `${[d.admin1_name, d.country].filter(Boolean).join(', ') || t('detail.locationPrecision.unknown')} · ${t(`vocab.place_type.${d.place_type}`)}`,
        ],
        [
          t('detail.location'),
          d.lat === null || d.lon === null
            ? t('detail.locationPrecision.unknown')
            : `${d.lat.toFixed(2)}, ${d.lon.toFixed(2)} (${t(`detail.locationPrecision.${d.location_precision}`)})`,
        ],
        [t('records.columns.agency'), t(`vocab.agency.${d.agency}`)],
        [t('records.columns.operation'), d.operation ?? '–'],
        [t('detail.basis'), d.basis],
        [t('detail.justification'), d.legal_justification.replaceAll('_', ' ')],
        [t('detail.context'), d.criminal_context.replaceAll('_', ' ')],
        [t('detail.crimes'), crimes.length ? crimes.join(', ') : '–'],
        [
          t('detail.counts'),
          t('detail.countsValue', {
            firearms: num(d.firearms_count),
            parts: num(d.parts_count),
            rounds: num(d.ammunition_rounds),
            arrests: num(d.arrests),
          }),
        ],
        [
          t('records.columns.route'),
          [d.origin_iso3 ?? '?', ...(d.transit ?? []), d.destination_iso3 ?? '?'].join(' → '),
        ],
        [
          t('detail.transport'),
          `${t(`vocab.transport_mode.${d.transport_mode}`)} · ${t(`vocab.concealment.${d.concealment}`)}`,
        ],
        [t('detail.reliability'), d.source_reliability],
      ]
    : [];
  return (
    <Panel
      id="seizure-detail"
      className="panel--wide"
      title={t('detail.title', { id: seizureId })}
      loading={detail.loading || firearms.loading || traces.loading}
      error={detail.error ?? firearms.error ?? traces.error}
      empty={detail.rows?.length === 0}
      emptyMessage={t('detail.notFound', { id: seizureId })}
    >
      <div className="toolbar">
        <button type="button" className="button" onClick={onClose}>
          {t('detail.close')}
        </button>
      </div>
      <dl className="detail-facts" data-testid="seizure-detail">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <DetailTable
        title={t('detail.firearms', { count: firearms.rows?.length ?? 0 })}
        rows={firearms.rows ?? []}
        testId="seizure-firearms"
      />
      <DetailTable
        title={t('detail.traces', { count: traces.rows?.length ?? 0 })}
        rows={traces.rows ?? []}
        testId="seizure-traces"
      />
    </Panel>
  );
}

function DetailTable({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: Record<string, Cell>[];
  testId: string;
}) {
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return (
    <>
      <h3 className="detail-subtitle">{title}</h3>
      {rows.length > 0 && (
        <ScrollingTable label={title} testId={testId}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c.replaceAll('_', ' ')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{r[c] === null ? '–' : String(r[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
    </>
  );
}
