import { describe, expect, it } from 'vitest';
import { buildAdvance, buildReport, initialAdvanceForm, initialReportForm, validateAdvance, validateReport, type ReportForm } from './draft';

function filled(patch: Partial<ReportForm> = {}): ReportForm {
  return {
    ...initialReportForm(),
    category: 'israeli_civilian',
    count: '2',
    receiving_party: 'isf',
    circumstances: '  Drove into Jenin following a navigation app ',
    vertices: [{ lat: 32.46, lng: 35.3 }],
    ...patch,
  };
}

describe('the report', () => {
  it('asks for the category, the receiving party, the circumstances and where', () => {
    expect(validateReport(initialReportForm(), true)).toEqual({
      category: 'requests.validation.required',
      receiving_party: 'requests.validation.required',
      circumstances: 'requests.validation.required',
      location: 'returns.validation.location_required',
    });
    expect(validateReport(filled(), true)).toEqual({});
  });

  it('takes 1 to 200 persons and an incident id', () => {
    expect(validateReport(filled({ count: '0' }), true)).toEqual({ count: 'returns.validation.count' });
    expect(validateReport(filled({ count: '201' }), true)).toEqual({ count: 'returns.validation.count' });
    expect(validateReport(filled({ count: '1.5' }), true)).toEqual({ count: 'returns.validation.count' });
    expect(validateReport(filled({ incident: 'REQ-2026-000001' }), true)).toEqual({ incident: 'returns.validation.incident' });
    expect(validateReport(filled({ name: 'x'.repeat(201) }), true)).toEqual({ name: 'requests.validation.too_long' });
    // A name the reporter may not record is not checked: it is not sent.
    expect(validateReport(filled({ name: 'x'.repeat(201) }), false)).toEqual({});
  });

  it('sends the contract body, the name only where the reporter may record it', () => {
    const form = filled({ holding_party: 'pasf', holding_unit: ' pasf/dcl/jenin ', name: ' Dana Cohen ', incident: 'INC-2026-000001' });
    expect(buildReport(form, true)).toEqual({
      category: 'israeli_civilian',
      count: 2,
      location: { type: 'Point', coordinates: [35.3, 32.46] },
      receiving_party: 'isf',
      circumstances: 'Drove into Jenin following a navigation app',
      medical_status: 'unknown',
      holding_party: 'pasf',
      holding_unit: 'pasf/dcl/jenin',
      name: 'Dana Cohen',
      incident: 'INC-2026-000001',
    });
    expect(buildReport(form, false)).not.toHaveProperty('name');
    expect(buildReport(filled(), true)).not.toHaveProperty('holding_party');
  });
});

describe('the advance', () => {
  const base = initialAdvanceForm();

  it('asks each stage for its own required data', () => {
    expect(validateAdvance('located', base)).toEqual({});
    expect(validateAdvance('located', { ...base, moved: true })).toEqual({ location: 'returns.validation.location_required' });
    expect(validateAdvance('handover_arranged', base)).toEqual({
      handover_point: 'requests.validation.required',
      handover_at: 'requests.validation.date',
    });
    expect(validateAdvance('closed', base)).toEqual({ summary: 'requests.validation.required' });
    expect(validateAdvance('handed_over', base)).toEqual({});
  });

  it('sends only the next stage\'s data', () => {
    const form = {
      ...base,
      holding_party: 'pasf',
      holding_unit: 'pasf/nsf/jenin',
      moved: true,
      vertices: [{ lat: 32.47, lng: 35.31 }],
      medical_status: 'lightly_injured' as const,
      handover_point: 'cp-jalama',
      handover_at: '2026-11-21T14:00',
      receiving_unit: 'isf/dco/jenin',
      note: ' by phone ',
      summary: 'Home safe',
    };
    expect(buildAdvance('located', form)).toEqual({
      stage: 'located',
      holding_party: 'pasf',
      holding_unit: 'pasf/nsf/jenin',
      location: { type: 'Point', coordinates: [35.31, 32.47] },
      medical_status: 'lightly_injured',
      note: 'by phone',
    });
    expect(buildAdvance('handover_arranged', form)).toEqual({
      stage: 'handover_arranged',
      handover_point: 'cp-jalama',
      handover_at: new Date(2026, 10, 21, 14, 0).toISOString().replace('.000Z', 'Z'),
      receiving_unit: 'isf/dco/jenin',
      note: 'by phone',
    });
    expect(buildAdvance('closed', form)).toEqual({ stage: 'closed', summary: 'Home safe' });
    expect(buildAdvance('secured', base)).toEqual({ stage: 'secured' });
  });
});
