import { describe, expect, it } from 'vitest';
import {
  canAcknowledge,
  canEdit,
  canReadMessages,
  channelName,
  checkDirectUser,
  fillPhrase,
  mergeMessages,
  newestSeq,
  paramOfPointer,
  parseParam,
  parsePhraseParams,
  pendingParties,
  phraseCategories,
  phraseTemplate,
  seenUpTo,
  snippetParts,
} from './model';
import { channel, kPhrasebook, message, user } from './testing';

const isf = user('isf', ['liaison'], 'isf.jenin');

describe('mergeMessages', () => {
  it('keeps one copy per id, the incoming one, oldest first', () => {
    const a = message({ id: 'A', seq: 3 });
    const b = message({ id: 'B', seq: 1 });
    const a2 = { ...a, rendered: 'new' };
    const c = message({ id: 'C', seq: 2 });
    const merged = mergeMessages([a, b], [c, a2]);
    expect(merged.map((m) => m.id)).toEqual(['B', 'C', 'A']);
    expect(merged[2]?.rendered).toBe('new');
    expect(newestSeq(merged)).toBe(3);
    expect(newestSeq([])).toBe(0);
  });

  it('returns the same list when nothing comes in', () => {
    const list = [message()];
    expect(mergeMessages(list, [])).toBe(list);
  });
});

describe('seenUpTo', () => {
  it('is the newest message whose bottom is inside the view', () => {
    const items = [
      { seq: 10, bottom: 100 },
      { seq: 11, bottom: 300 },
      { seq: 12, bottom: 500 },
    ];
    expect(seenUpTo(items, 300)).toBe(11);
    expect(seenUpTo(items, 299.5)).toBe(11);
    expect(seenUpTo(items, 50)).toBe(0);
    expect(seenUpTo(items, 900)).toBe(12);
  });
});

describe('the phrasebook', () => {
  it('groups phrases by category in the book order', () => {
    expect(phraseCategories(kPhrasebook).map((c) => [c.category, c.phrases.map((p) => p.key)])).toEqual([
      ['acknowledgement', ['received_stand_by']],
      ['movement', ['movement_completed', 'movement_delayed']],
      ['decision', ['request_received']],
    ]);
    expect(phraseCategories(null)).toEqual([]);
  });

  it('fills placeholders and leaves the missing ones visible', () => {
    const delayed = kPhrasebook.items[2]!;
    expect(fillPhrase(phraseTemplate(delayed, 'en'), { minutes: 20, time: '08:30' })).toBe(
      'Movement delayed 20 minutes; new start 08:30.',
    );
    expect(fillPhrase(phraseTemplate(delayed, 'ar'), { minutes: '15' })).toBe(
      'تأخرت الحركة 15 دقيقة؛ موعد الانطلاق الجديد {time}.',
    );
  });

  it('checks each kind of parameter', () => {
    expect(parseParam('text', '  DCL Jenin ')).toEqual({ value: 'DCL Jenin' });
    expect(parseParam('text', 'x'.repeat(101))).toEqual({ error: 'too_long' });
    expect(parseParam('text', '   ')).toEqual({ error: 'required' });
    expect(parseParam('count', '12')).toEqual({ value: 12 });
    expect(parseParam('count', '-1')).toEqual({ error: 'integer' });
    expect(parseParam('minutes', '2.5')).toEqual({ error: 'integer' });
    expect(parseParam('time', '08:30')).toEqual({ value: '08:30' });
    expect(parseParam('time', '24:00')).toEqual({ error: 'time' });
    expect(parseParam('time', '8:30')).toEqual({ error: 'time' });
    expect(parseParam('ref', 'req-2026-000012')).toEqual({ value: 'REQ-2026-000012' });
    expect(parseParam('ref', 'see above')).toEqual({ error: 'ref' });
  });

  it('checks every parameter of a phrase at once', () => {
    const delayed = kPhrasebook.items[2]!;
    expect(parsePhraseParams(delayed, { minutes: '20', time: '08:30' })).toEqual({
      params: { minutes: 20, time: '08:30' },
      errors: {},
    });
    expect(parsePhraseParams(delayed, { minutes: 'soon' })).toEqual({
      params: {},
      errors: { minutes: 'integer', time: 'required' },
    });
    expect(paramOfPointer('/params/time')).toBe('time');
    expect(paramOfPointer('/text')).toBeNull();
    expect(paramOfPointer(undefined)).toBeNull();
  });
});

describe('FLASH and ownership', () => {
  const flash = message({ priority: 'flash', sender: 'pasf.jenin', sender_party: 'pasf' });

  it('owes an acknowledgement to the others, once', () => {
    expect(canAcknowledge(flash, isf)).toBe(true);
    expect(canAcknowledge({ ...flash, acknowledged_by_me: true }, isf)).toBe(false);
    expect(canAcknowledge({ ...flash, priority: 'routine' }, isf)).toBe(false);
    expect(canAcknowledge(flash, user('pasf', ['liaison'], 'pasf.jenin'))).toBe(false);
    expect(canAcknowledge(flash, user('isf', ['auditor'], 'isf.auditor'))).toBe(false);
  });

  it('lists the member parties that have not acknowledged, the sender party aside', () => {
    expect(pendingParties(flash, ['isf', 'pasf', 'ussc'])).toEqual(['isf', 'ussc']);
    const acked = { ...flash, acknowledgements: [{ username: 'isf.jenin', party: 'isf', at: '' }] };
    expect(pendingParties(acked, ['isf', 'pasf', 'ussc'])).toEqual(['ussc']);
  });

  it('lets the sender edit free text only', () => {
    const mine = message({ sender: 'isf.jenin' });
    expect(canEdit(mine, isf)).toBe(true);
    expect(canEdit({ ...mine, text: null, phrase: 'approved' }, isf)).toBe(false);
    expect(canEdit(message({ sender: 'pasf.jenin' }), isf)).toBe(false);
  });

  it('lets auditors read but not write', () => {
    expect(canReadMessages(user('isf', ['auditor']))).toBe(true);
    expect(canReadMessages(user('isf', ['hr']))).toBe(false);
  });
});

describe('channel names and direct conversations', () => {
  const gov = (p: string) => (p === 'PS0101' ? 'Jenin' : p);

  it('names each kind of channel', () => {
    expect(channelName(channel(), 'isf.jenin', gov)).toEqual({ kind: 'title', title: 'Collision at Huwwara junction' });
    expect(channelName(channel({ title: null }), 'isf.jenin', gov)).toEqual({ kind: 'title', title: 'INC-2026-000001' });
    expect(channelName(channel({ id: 'desk:PS0101', kind: 'desk', title: null, district: 'PS0101' }), 'x', gov)).toEqual({
      kind: 'key',
      key: 'messaging.channel.desk_of',
      values: { district: 'Jenin' },
    });
    expect(channelName(channel({ id: 'dm:isf.jenin:pasf.jenin', kind: 'direct', title: 'DCO Jenin' }), 'pasf.jenin', gov)).toEqual({
      kind: 'key',
      key: 'messaging.channel.direct_with',
      values: { user: 'DCO Jenin' },
    });
    expect(channelName(channel({ id: 'dm:isf.jenin:pasf.jenin', kind: 'direct', title: null, participants: null }), 'pasf.jenin', gov)).toEqual({
      kind: 'key',
      key: 'messaging.channel.direct_with',
      values: { user: 'isf.jenin' },
    });
    expect(channelName(channel({ id: 'coordinator', kind: 'coordinator' }), 'x', gov).kind).toBe('key');
  });

  it('checks the username of a new conversation', () => {
    expect(checkDirectUser(' PASF.Jenin ', 'isf.jenin')).toEqual({ username: 'pasf.jenin' });
    expect(checkDirectUser('', 'isf.jenin')).toEqual({ error: 'required' });
    expect(checkDirectUser('isf.jenin', 'isf.jenin')).toEqual({ error: 'self' });
    expect(checkDirectUser('dm:x', 'isf.jenin')).toEqual({ error: 'invalid' });
    expect(checkDirectUser('1abc', 'isf.jenin')).toEqual({ error: 'invalid' });
  });
});

describe('snippetParts', () => {
  it('marks the matched terms and leaves unbalanced marks as text', () => {
    expect(snippetParts('…the **convoy** left **Jenin**')).toEqual([
      { text: '…the ', match: false },
      { text: 'convoy', match: true },
      { text: ' left ', match: false },
      { text: 'Jenin', match: true },
    ]);
    expect(snippetParts('a ** b')).toEqual([{ text: 'a ** b', match: false }]);
    expect(snippetParts('plain')).toEqual([{ text: 'plain', match: false }]);
  });
});
