/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_sched.h
 * A job scheduler on the monotonic clock.
 *
 * Jobs are callbacks with a private copy of their argument bytes, run by
 * avs_sched_run() when due, in order of time and then of scheduling. A handle
 * (optional) lets the owner move or delete a job; the scheduler sets it to NULL
 * when the job starts running or is deleted, so a non-NULL handle always means
 * "still pending".
 *
 * Every function may be called from any thread and from inside a running job
 * (jobs run without the scheduler's lock held). The scheduler writes to a
 * handle under its own lock, so a handle shared between threads needs the
 * caller's lock around its use.
 */
#ifndef AVS_COMMONS_SCHED_H
#define AVS_COMMONS_SCHED_H

#include <avsystem/commons/avs_defs.h>
#include <avsystem/commons/avs_time.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A scheduled job (opaque). */
typedef struct avs_sched_job_struct avs_sched_job_t;
/** A reference to a pending job, or NULL. */
typedef avs_sched_job_t *avs_sched_handle_t;
/** A scheduler (opaque). */
typedef struct avs_sched_struct avs_sched_t;

/** Job body. @p data points to the scheduler's copy of the job's data. */
typedef void avs_sched_clb_t(avs_sched_t *sched, const void *data);

/**
 * Creates a scheduler. @p name is used in log lines (may be NULL); @p data is
 * an opaque pointer for avs_sched_data().
 */
avs_sched_t *avs_sched_new(const char *name, void *data);

/** Deletes all pending jobs (NULLing their handles) and frees the scheduler. */
void avs_sched_cleanup(avs_sched_t **sched_ptr);

/** The @p data given to avs_sched_new(). */
void *avs_sched_data(avs_sched_t *sched);

/** When the earliest job is due; AVS_TIME_MONOTONIC_INVALID if none. */
avs_time_monotonic_t avs_sched_time_of_next(avs_sched_t *sched);

/** Time until the earliest job, never negative; invalid if none. */
static inline avs_time_duration_t avs_sched_time_to_next(avs_sched_t *sched) {
    avs_time_monotonic_t next = avs_sched_time_of_next(sched);
    avs_time_duration_t result;
    if (!avs_time_monotonic_valid(next)) {
        return AVS_TIME_DURATION_INVALID;
    }
    result = avs_time_monotonic_diff(next, avs_time_monotonic_now());
    return avs_time_duration_less(result, AVS_TIME_DURATION_ZERO)
                   ? AVS_TIME_DURATION_ZERO
                   : result;
}

/**
 * Sleeps until a job is due or @p deadline passes, whichever is first.
 * @returns 0 if a job is due, -1 if the deadline came first.
 */
int avs_sched_wait_until_next(avs_sched_t *sched,
                              avs_time_monotonic_t deadline);

/** avs_sched_wait_until_next() with a relative timeout. */
static inline int avs_sched_wait_for_next(avs_sched_t *sched,
                                          avs_time_duration_t timeout) {
    return avs_sched_wait_until_next(
            sched, avs_time_monotonic_add(avs_time_monotonic_now(), timeout));
}

/**
 * Runs every job that is due now. Jobs scheduled by running jobs for "now"
 * wait for the next call, so that a job that reschedules itself cannot starve
 * the caller.
 */
void avs_sched_run(avs_sched_t *sched);

/** Implementation of AVS_SCHED_AT(); 0 on success, -1 on error. */
int avs_sched_at_impl__(avs_sched_t *sched, avs_sched_handle_t *out_handle,
                        avs_time_monotonic_t instant, const char *log_file,
                        unsigned log_line, const char *log_name,
                        avs_sched_clb_t *clb, const void *clb_data,
                        size_t clb_data_size);

/** Implementation of AVS_RESCHED_AT(); 0 on success, -1 on error. */
int avs_resched_at_impl__(avs_sched_handle_t *handle_ptr,
                          avs_time_monotonic_t instant);

/**
 * Schedules @p Clb to run at @p Instant with a copy of the @p ClbDataSize bytes
 * at @p ClbData. @p OutHandle, if not NULL, must be NULL or a pending job of
 * the same scheduler, which is then replaced.
 * @returns 0 on success, -1 on error (invalid time, OOM, foreign handle).
 */
#define AVS_SCHED_AT(Sched, OutHandle, Instant, Clb, ClbData, ClbDataSize)     \
    avs_sched_at_impl__((Sched), (OutHandle), (Instant), __FILE__, __LINE__,   \
                        AVS_QUOTE(Clb), (Clb), (ClbData), (ClbDataSize))

/** AVS_SCHED_AT() after @p Delay from now. */
#define AVS_SCHED_DELAYED(Sched, OutHandle, Delay, Clb, ClbData, ClbDataSize)  \
    AVS_SCHED_AT(Sched, OutHandle,                                             \
                 avs_time_monotonic_add(avs_time_monotonic_now(), Delay), Clb, \
                 ClbData, ClbDataSize)

/** AVS_SCHED_AT() now (runs on the next avs_sched_run()). */
#define AVS_SCHED_NOW(Sched, OutHandle, Clb, ClbData, ClbDataSize)             \
    AVS_SCHED_AT(Sched, OutHandle, avs_time_monotonic_now(), Clb, ClbData,     \
                 ClbDataSize)

/** Moves the pending job @p Handle to @p Instant; 0 or -1. */
#define AVS_RESCHED_AT(Handle, Instant)                                        \
    avs_resched_at_impl__((Handle), (Instant))

/** Moves the pending job @p Handle to @p Delay from now. */
#define AVS_RESCHED_DELAYED(Handle, Delay)                                     \
    AVS_RESCHED_AT(Handle,                                                     \
                   avs_time_monotonic_add(avs_time_monotonic_now(), Delay))

/** Moves the pending job @p Handle to now. */
#define AVS_RESCHED_NOW(Handle) AVS_RESCHED_AT(Handle, avs_time_monotonic_now())

/** When the job is due; invalid if the handle is NULL. */
avs_time_monotonic_t avs_sched_time(avs_sched_handle_t *handle_ptr);

/** Cancels the job (if pending) and NULLs the handle. */
void avs_sched_del(avs_sched_handle_t *handle_ptr);

/** Forgets the handle but keeps the job scheduled. */
void avs_sched_detach(avs_sched_handle_t *handle_ptr);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_SCHED_H */
