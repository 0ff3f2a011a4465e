/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_list.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_sched.h>
#include <avsystem/commons/avs_utils.h>

#include <pthread.h>
#include <string.h>
#include <time.h>

struct avs_sched_job_struct {
    avs_sched_t *sched;
    avs_time_monotonic_t instant;
    /* Order of (re)scheduling: breaks ties between equal instants in the
     * list order, and lets avs_sched_run() skip jobs added after it began. */
    uint64_t seq;
    /* The owner's handle, NULLed when the job starts or is deleted. */
    avs_sched_handle_t *handle_ptr;
    const char *log_file;
    unsigned log_line;
    const char *log_name;
    avs_sched_clb_t *clb;
    /* Union array, so that the copy is aligned for any type the caller may
     * cast the data pointer to. */
    avs_max_align_t clb_data[];
};

struct avs_sched_struct {
    /* Guards everything below; never held while a job runs, so jobs may
     * call back into the scheduler. */
    pthread_mutex_t mutex;
    /* Signalled when the earliest job changes, to wake
     * avs_sched_wait_until_next(). Uses CLOCK_MONOTONIC, like the jobs. */
    pthread_cond_t job_added;
    char *name;
    void *data;
    AVS_LIST(avs_sched_job_t) jobs; /* sorted by (instant, seq) */
    uint64_t next_seq;
};

static const char *sched_name(const avs_sched_t *sched) {
    return sched->name ? sched->name : "(unnamed)";
}

static const char *base_name(const char *path) {
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : (path ? path : "?");
}

static const char *job_name(const avs_sched_job_t *job) {
    return job->log_name ? job->log_name : "(unnamed job)";
}

avs_sched_t *avs_sched_new(const char *name, void *data) {
    pthread_condattr_t cond_attr;
    avs_sched_t *sched = (avs_sched_t *) avs_calloc(1, sizeof(*sched));
    if (!sched) {
        avs_log(sched, ERROR, "out of memory");
        return NULL;
    }
    if (name && !(sched->name = avs_strdup(name))) {
        avs_log(sched, ERROR, "out of memory");
        avs_free(sched);
        return NULL;
    }
    sched->data = data;
    if (pthread_mutex_init(&sched->mutex, NULL)) {
        avs_log(sched, ERROR, "cannot create mutex");
        goto fail;
    }
    if (pthread_condattr_init(&cond_attr)) {
        avs_log(sched, ERROR, "cannot create condition variable attributes");
        goto fail_mutex;
    }
    if (pthread_condattr_setclock(&cond_attr, CLOCK_MONOTONIC) ||
        pthread_cond_init(&sched->job_added, &cond_attr)) {
        avs_log(sched, ERROR, "cannot create monotonic condition variable");
        pthread_condattr_destroy(&cond_attr);
        goto fail_mutex;
    }
    pthread_condattr_destroy(&cond_attr);
    avs_log(sched, DEBUG, "scheduler %s created", sched_name(sched));
    return sched;

fail_mutex:
    pthread_mutex_destroy(&sched->mutex);
fail:
    avs_free(sched->name);
    avs_free(sched);
    return NULL;
}

/* Unlinks @p job and frees it, NULLing its owner's handle. The job is looked
 * up first, so a stale pointer is never written through. */
static void delete_job_unlocked(avs_sched_t *sched, avs_sched_job_t *job) {
    AVS_LIST(avs_sched_job_t) *slot = AVS_LIST_FIND_PTR(&sched->jobs, job);
    if (slot) {
        if ((*slot)->handle_ptr) {
            *(*slot)->handle_ptr = NULL;
        }
        AVS_LIST_DELETE(slot);
    }
}

void avs_sched_cleanup(avs_sched_t **sched_ptr) {
    avs_sched_t *sched;
    size_t deleted = 0;
    if (!sched_ptr || !*sched_ptr) {
        return;
    }
    sched = *sched_ptr;
    pthread_mutex_lock(&sched->mutex);
    while (sched->jobs) {
        delete_job_unlocked(sched, sched->jobs);
        ++deleted;
    }
    pthread_mutex_unlock(&sched->mutex);
    avs_log(sched, DEBUG, "scheduler %s cleaned up, %lu pending job(s) deleted",
            sched_name(sched), (unsigned long) deleted);
    pthread_cond_destroy(&sched->job_added);
    pthread_mutex_destroy(&sched->mutex);
    avs_free(sched->name);
    avs_free(sched);
    *sched_ptr = NULL;
}

void *avs_sched_data(avs_sched_t *sched) {
    return sched ? sched->data : NULL;
}

avs_time_monotonic_t avs_sched_time_of_next(avs_sched_t *sched) {
    avs_time_monotonic_t result = AVS_TIME_MONOTONIC_INVALID;
    if (!sched) {
        return result;
    }
    pthread_mutex_lock(&sched->mutex);
    if (sched->jobs) {
        result = sched->jobs->instant;
    }
    pthread_mutex_unlock(&sched->mutex);
    return result;
}

/* Links @p job in after every job due no later than it (so equal instants
 * keep scheduling order) and wakes waiters if it became the earliest. */
static void insert_job_unlocked(avs_sched_t *sched, avs_sched_job_t *job) {
    AVS_LIST(avs_sched_job_t) * slot;
    job->seq = sched->next_seq++;
    AVS_LIST_FOREACH_PTR(slot, &sched->jobs) {
        if (avs_time_monotonic_before(job->instant, (*slot)->instant)) {
            break;
        }
    }
    AVS_LIST_INSERT(slot, job);
    if (slot == &sched->jobs) {
        pthread_cond_broadcast(&sched->job_added);
    }
}

int avs_sched_wait_until_next(avs_sched_t *sched,
                              avs_time_monotonic_t deadline) {
    int result;
    if (!sched) {
        return -1;
    }
    pthread_mutex_lock(&sched->mutex);
    for (;;) {
        avs_time_monotonic_t now = avs_time_monotonic_now();
        avs_time_monotonic_t wake_at = deadline;
        if (sched->jobs &&
            !avs_time_monotonic_before(now, sched->jobs->instant)) {
            result = 0;
            break;
        }
        if (avs_time_monotonic_valid(deadline) &&
            !avs_time_monotonic_before(now, deadline)) {
            result = -1;
            break;
        }
        if (sched->jobs &&
            (!avs_time_monotonic_valid(wake_at) ||
             avs_time_monotonic_before(sched->jobs->instant, wake_at))) {
            wake_at = sched->jobs->instant;
        }
        if (avs_time_monotonic_valid(wake_at)) {
            struct timespec ts;
            ts.tv_sec = (time_t) wake_at.since_monotonic_epoch.seconds;
            ts.tv_nsec = wake_at.since_monotonic_epoch.nanoseconds;
            pthread_cond_timedwait(&sched->job_added, &sched->mutex, &ts);
        } else {
            pthread_cond_wait(&sched->job_added, &sched->mutex);
        }
        /* Every wake-up, spurious or not, re-checks from the top. */
    }
    pthread_mutex_unlock(&sched->mutex);
    return result;
}

/* The earliest job that is due at @p now and was scheduled before
 * @p seq_limit, or NULL. */
static AVS_LIST(avs_sched_job_t) *
        find_runnable_unlocked(avs_sched_t *sched, avs_time_monotonic_t now,
                               uint64_t seq_limit) {
    AVS_LIST(avs_sched_job_t) * slot;
    AVS_LIST_FOREACH_PTR(slot, &sched->jobs) {
        if (avs_time_monotonic_before(now, (*slot)->instant)) {
            break;
        }
        if ((*slot)->seq < seq_limit) {
            return slot;
        }
    }
    return NULL;
}

void avs_sched_run(avs_sched_t *sched) {
    avs_time_monotonic_t now;
    uint64_t seq_limit;
    AVS_LIST(avs_sched_job_t) * slot;
    if (!sched) {
        return;
    }
    pthread_mutex_lock(&sched->mutex);
    now = avs_time_monotonic_now();
    seq_limit = sched->next_seq;
    /* The list is searched afresh for each job because the previous job may
     * have added, moved or deleted any other. */
    while ((slot = find_runnable_unlocked(sched, now, seq_limit))) {
        AVS_LIST(avs_sched_job_t) job = AVS_LIST_DETACH(slot);
        if (job->handle_ptr) {
            *job->handle_ptr = NULL;
        }
        pthread_mutex_unlock(&sched->mutex);

        avs_log(sched, TRACE, "%s: running %s (%s:%u)", sched_name(sched),
                job_name(job), base_name(job->log_file), job->log_line);
        job->clb(sched, job->clb_data);
        AVS_LIST_DELETE(&job);

        pthread_mutex_lock(&sched->mutex);
    }
    pthread_mutex_unlock(&sched->mutex);
}

int avs_sched_at_impl__(avs_sched_t *sched, avs_sched_handle_t *out_handle,
                        avs_time_monotonic_t instant, const char *log_file,
                        unsigned log_line, const char *log_name,
                        avs_sched_clb_t *clb, const void *clb_data,
                        size_t clb_data_size) {
    AVS_LIST(avs_sched_job_t) job;
    size_t data_units;
    if (!sched || !clb || (!clb_data && clb_data_size)) {
        avs_log(sched, ERROR, "invalid arguments for job %s (%s:%u)",
                log_name ? log_name : "?", base_name(log_file), log_line);
        return -1;
    }
    if (!avs_time_monotonic_valid(instant)) {
        avs_log(sched, ERROR, "%s: invalid time for job %s (%s:%u)",
                sched_name(sched), log_name ? log_name : "?",
                base_name(log_file), log_line);
        return -1;
    }
    data_units = clb_data_size / sizeof(avs_max_align_t) +
                 (clb_data_size % sizeof(avs_max_align_t) ? 1 : 0);
    if (data_units > (SIZE_MAX - sizeof(avs_sched_job_t)) /
                             sizeof(avs_max_align_t) ||
        !(job = (avs_sched_job_t *) AVS_LIST_NEW_BUFFER(
                  sizeof(avs_sched_job_t) +
                  data_units * sizeof(avs_max_align_t)))) {
        avs_log(sched, ERROR, "%s: out of memory for job %s (%s:%u)",
                sched_name(sched), log_name ? log_name : "?",
                base_name(log_file), log_line);
        return -1;
    }
    job->sched = sched;
    job->instant = instant;
    job->handle_ptr = out_handle;
    job->log_file = log_file;
    job->log_line = log_line;
    job->log_name = log_name;
    job->clb = clb;
    if (clb_data_size) {
        memcpy(job->clb_data, clb_data, clb_data_size);
    }

    pthread_mutex_lock(&sched->mutex);
    if (out_handle && *out_handle) {
        if ((*out_handle)->sched != sched) {
            pthread_mutex_unlock(&sched->mutex);
            avs_log(sched, ERROR,
                    "%s: handle for job %s (%s:%u) belongs to another "
                    "scheduler",
                    sched_name(sched), job_name(job), base_name(log_file),
                    log_line);
            AVS_LIST_DELETE(&job);
            return -1;
        }
        avs_log(sched, TRACE, "%s: job %s replaced", sched_name(sched),
                job_name(*out_handle));
        delete_job_unlocked(sched, *out_handle);
    }
    insert_job_unlocked(sched, job);
    if (out_handle) {
        *out_handle = job;
    }
    pthread_mutex_unlock(&sched->mutex);
    /* Only the arguments from here on: another thread may already have run
     * and freed the job. */
    avs_log(sched, TRACE, "%s: scheduled %s (%s:%u) at %lld.%09ld",
            sched_name(sched), log_name ? log_name : "(unnamed job)",
            base_name(log_file), log_line,
            (long long) instant.since_monotonic_epoch.seconds,
            (long) instant.since_monotonic_epoch.nanoseconds);
    return 0;
}

int avs_resched_at_impl__(avs_sched_handle_t *handle_ptr,
                          avs_time_monotonic_t instant) {
    avs_sched_job_t *job;
    avs_sched_t *sched;
    AVS_LIST(avs_sched_job_t) * slot;
    if (!handle_ptr || !*handle_ptr) {
        avs_log(sched, ERROR, "cannot reschedule: no pending job");
        return -1;
    }
    job = *handle_ptr;
    sched = job->sched;
    if (!avs_time_monotonic_valid(instant)) {
        avs_log(sched, ERROR, "%s: invalid time for rescheduling %s",
                sched_name(sched), job_name(job));
        return -1;
    }
    pthread_mutex_lock(&sched->mutex);
    slot = AVS_LIST_FIND_PTR(&sched->jobs, job);
    if (!slot) {
        pthread_mutex_unlock(&sched->mutex);
        avs_log(sched, ERROR, "%s: cannot reschedule a job that is not pending",
                sched_name(sched));
        return -1;
    }
    AVS_LIST_DETACH(slot);
    job->instant = instant;
    insert_job_unlocked(sched, job);
    /* Logged under the lock: once it is released the job may run and be
     * freed by another thread. */
    avs_log(sched, TRACE, "%s: rescheduled %s (%s:%u) to %lld.%09ld",
            sched_name(sched), job_name(job), base_name(job->log_file),
            job->log_line, (long long) instant.since_monotonic_epoch.seconds,
            (long) instant.since_monotonic_epoch.nanoseconds);
    pthread_mutex_unlock(&sched->mutex);
    return 0;
}

avs_time_monotonic_t avs_sched_time(avs_sched_handle_t *handle_ptr) {
    avs_time_monotonic_t result = AVS_TIME_MONOTONIC_INVALID;
    avs_sched_t *sched;
    if (!handle_ptr || !*handle_ptr) {
        return result;
    }
    sched = (*handle_ptr)->sched;
    pthread_mutex_lock(&sched->mutex);
    if (*handle_ptr) {
        result = (*handle_ptr)->instant;
    }
    pthread_mutex_unlock(&sched->mutex);
    return result;
}

void avs_sched_del(avs_sched_handle_t *handle_ptr) {
    avs_sched_t *sched;
    if (!handle_ptr || !*handle_ptr) {
        return;
    }
    sched = (*handle_ptr)->sched;
    pthread_mutex_lock(&sched->mutex);
    if (*handle_ptr && AVS_LIST_FIND_PTR(&sched->jobs, *handle_ptr)) {
        avs_log(sched, DEBUG, "%s: deleting %s (%s:%u)", sched_name(sched),
                job_name(*handle_ptr), base_name((*handle_ptr)->log_file),
                (*handle_ptr)->log_line);
        delete_job_unlocked(sched, *handle_ptr);
    }
    /* The job NULLs the handle it was scheduled with; this one may be a
     * copy. */
    *handle_ptr = NULL;
    pthread_mutex_unlock(&sched->mutex);
}

void avs_sched_detach(avs_sched_handle_t *handle_ptr) {
    avs_sched_t *sched;
    if (!handle_ptr || !*handle_ptr) {
        return;
    }
    sched = (*handle_ptr)->sched;
    pthread_mutex_lock(&sched->mutex);
    if (*handle_ptr) {
        (*handle_ptr)->handle_ptr = NULL;
        *handle_ptr = NULL;
    }
    pthread_mutex_unlock(&sched->mutex);
}
