/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU pinning. Measurements pin every thread (and the vCPU) to one CPU so
 * that migrations and other CPUs' caches stay out of the numbers.
 */
#ifndef FPBENCH_PIN_H
#define FPBENCH_PIN_H

/* Pin the calling thread to @cpu. 0, or -1 after a message on stderr. */
int pin_to_cpu(int cpu);

/*
 * The highest-numbered CPU in the calling thread's affinity mask (CPU 0
 * takes most interrupts, so the last one is usually quietest); -1 after a
 * message on stderr when the mask cannot be read.
 */
int pin_pick_cpu(void);

/* Online CPUs (sysconf), at least 1. */
int cpu_count_online(void);

#endif
