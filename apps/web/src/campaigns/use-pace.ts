import { useEffect, useState } from 'react';
import type { Campaign } from '../trpc/trpc';
import {
  addSample,
  estimatePace,
  type PaceEstimate,
  type ProgressSample,
  processedOf,
} from './campaign-pace';

/**
 * The campaign's rate and estimated finish, from the counters seen while the page is open
 * (each live update is a sample) and its pacing; re-estimated every few seconds.
 */
export function usePace(campaign: Campaign): PaceEstimate {
  const processed = processedOf(campaign);
  const [samples, setSamples] = useState<ProgressSample[]>([]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setSamples((current) => addSample(current, { at: Date.now(), processed }));
  }, [processed]);
  const running = campaign.status === 'RUNNING';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, [running]);
  return estimatePace({ ...campaign, samples, now: Math.max(now, samples.at(-1)?.at ?? 0) });
}
