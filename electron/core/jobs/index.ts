/** The jobs domain's public face: its operations for the registry (the job board itself is the kernel's: kernel/jobs/). */
export { jobHandlers } from './app';
