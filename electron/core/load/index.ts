export { runLoad, newRunId, DEFAULT_CALLS, type RunOptions } from './load-run';
export { prepareLoad, type LoadInputs, type PreparedLoad } from './prepare';
export { LoadRunStore, DEFAULT_RUN_LIMITS, type RunStoreLimits } from './run-store';
export { compareRuns } from './compare';
export { htmlReport } from './html-report';
export { exportK6, K6_SCRIPT } from './k6-export';
export { readDataFile, type DataRows } from './data-file';
export { describeSchedule } from './schedule';
export { maskReport } from './report';
