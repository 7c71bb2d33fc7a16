// A horizontal bar chart as inline SVG (no chart library), mirrored in RTL,
// with its data as a table underneath: the table is the text alternative
// and carries the columns the bars do not show.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Direction } from '../i18n/languages';
import { layoutBars, type BarInput } from './bars';

export interface ChartColumn {
  /** Column heading. */
  label: string;
  /** The cell of a row, by the row's key. */
  cell(key: string): ReactNode;
}

export interface BarChartProps {
  title: string;
  rows: readonly BarInput[];
  dir: Direction;
  /** How a bar's value is printed beside it and in the table. */
  format(value: number): string;
  /** Heading of the rows' label column and of the value column. */
  keyLabel: string;
  valueLabel: string;
  /** More columns of the table, after the value. */
  columns?: readonly ChartColumn[];
  testId?: string;
}

export function BarChart({ title, rows, dir, format, keyLabel, valueLabel, columns = [], testId }: BarChartProps) {
  const { t } = useTranslation();
  const ids = useId();
  const titleId = `${ids}-title`;
  const geometry = layoutBars(rows, dir);

  return (
    <figure className="chart" aria-labelledby={titleId} data-testid={testId}>
      <figcaption id={titleId} className="chart__title">
        {title}
      </figcaption>
      {rows.length === 0 ? (
        <p className="chart__empty">{t('figures.chart.empty')}</p>
      ) : (
        <>
          {/* The table below carries the same data for screen readers. */}
          <svg
            className="chart__svg"
            viewBox={`0 0 ${geometry.width} ${geometry.height}`}
            width="100%"
            preserveAspectRatio="xMinYMin meet"
            direction="ltr"
            aria-hidden="true"
            focusable="false"
            data-dir={dir}
          >
            {geometry.bars.map((b) => (
              <g key={b.key} className="chart__row" data-key={b.key}>
                <text className="chart__label" x={b.labelX} y={b.textY} textAnchor={b.labelAnchor}>
                  {b.label}
                </text>
                <rect
                  className="chart__bar"
                  x={b.x}
                  y={b.y}
                  width={b.width}
                  height={b.height}
                  data-value={b.value}
                >
                  <title>{`${b.label}: ${format(b.value)}`}</title>
                </rect>
                <text className="chart__value" x={b.valueX} y={b.textY} textAnchor={b.valueAnchor}>
                  {format(b.value)}
                </text>
              </g>
            ))}
          </svg>
          <div className="chart__table-wrap">
            <table className="chart__table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{keyLabel}</th>
                  <th scope="col">{valueLabel}</th>
                  {columns.map((c) => (
                    <th scope="col" key={c.label}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} data-key={r.key}>
                    <th scope="row">
                      <bdi>{r.label}</bdi>
                    </th>
                    <td>{format(r.value)}</td>
                    {columns.map((c) => (
                      <td key={c.label}>{c.cell(r.key)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}
