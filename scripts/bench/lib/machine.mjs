// Where a bench run ran: figures are same-run ratios, but a reader still needs to know the machine
// and how busy it was around each figure to judge them (a figure taken under load says so).
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export function machineInfo() {
  const list = cpus();
  return {
    cpu: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The 1-minute load average: above the core count, figures of that moment are taken under load. */
export function loadNow() {
  return Math.round(loadavg()[0] * 100) / 100;
}

export function describeMachine(m) {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB (${m.freeMemoryGiB} free), Node ${m.node}, ${m.platform}`;
}
