import { describe, expect, it } from 'vitest';
import { addReport, EMPTY_OUTCOME, outcomeFromState } from './recipients-report';

describe('addReport', () => {
  it('sums batches and maps rejected indexes to textarea lines', () => {
    const batch = [
      { line: 2, phone: '09121234567', name: null },
      { line: 5, phone: 'nope', name: null },
    ];
    const first = addReport(
      EMPTY_OUTCOME,
      {
        added: 1,
        skipped: 0,
        invalid: 1,
        duplicates: 0,
        optedOut: 0,
        rejected: [{ index: 1, value: 'nope', reason: 'not a phone number', problem: 'NOT_A_PHONE' }],
      },
      batch,
    );
    const both = addReport(
      first,
      { added: 2, skipped: 1, invalid: 0, duplicates: 1, optedOut: 0, rejected: [] },
      [],
    );
    expect(both).toEqual({
      added: 3,
      skipped: 1,
      invalid: 1,
      duplicates: 1,
      optedOut: 0,
      rejected: [{ line: 5, value: 'nope', reason: 'not a phone number', problem: 'NOT_A_PHONE' }],
    });
  });
});

describe('outcomeFromState', () => {
  it('reads an outcome carried in router state and ignores anything else', () => {
    expect(outcomeFromState({ importOutcome: EMPTY_OUTCOME })).toEqual(EMPTY_OUTCOME);
    expect(outcomeFromState(null)).toBeNull();
    expect(outcomeFromState({ importOutcome: 'x' })).toBeNull();
  });
});
