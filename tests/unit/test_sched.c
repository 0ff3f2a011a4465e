/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_sched.h>

#include <pthread.h>
#include <time.h>

#include "tern_test.h"

#define MAX_RECORDS 64

static int g_record[MAX_RECORDS];
static int g_record_count;

static void reset_record(void) {
    g_record_count = 0;
}

static void record_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    if (g_record_count < MAX_RECORDS) {
        g_record[g_record_count++] = *(const int *) data;
    }
}

static int records_are(const int *expected, int count) {
    return g_record_count == count &&
           memcmp(g_record, expected, (size_t) count * sizeof(int)) == 0;
}

static avs_time_monotonic_t now_plus_ms(int64_t ms) {
    return avs_time_monotonic_add(
            avs_time_monotonic_now(),
            avs_time_duration_from_scalar(ms, AVS_TIME_MS));
}

static int64_t ms_since(avs_time_monotonic_t start) {
    int64_t ms = -1;
    avs_time_duration_to_scalar(
            &ms, AVS_TIME_MS,
            avs_time_monotonic_diff(avs_time_monotonic_now(), start));
    return ms;
}

static int schedule_value(avs_sched_t *sched, avs_sched_handle_t *handle,
                          avs_time_monotonic_t at, int value) {
    return AVS_SCHED_AT(sched, handle, at, record_job, &value, sizeof(value));
}

static void order_by_time_then_fifo(void) {
    static const int EXPECTED[] = {1, 2, 3, 4, 5, 6};
    avs_sched_t *sched = avs_sched_new("order", NULL);
    avs_time_monotonic_t base = now_plus_ms(-1000);
    TT_CHECK(sched);
    reset_record();
    TT_EQ(schedule_value(
                  sched, NULL,
                  avs_time_monotonic_add(
                          base, avs_time_duration_from_scalar(30, AVS_TIME_MS)),
                  6),
          0);
    TT_EQ(schedule_value(sched, NULL, base, 1), 0);
    TT_EQ(schedule_value(
                  sched, NULL,
                  avs_time_monotonic_add(
                          base, avs_time_duration_from_scalar(20, AVS_TIME_MS)),
                  4),
          0);
    TT_EQ(schedule_value(sched, NULL, base, 2), 0);
    TT_EQ(schedule_value(
                  sched, NULL,
                  avs_time_monotonic_add(
                          base, avs_time_duration_from_scalar(20, AVS_TIME_MS)),
                  5),
          0);
    TT_EQ(schedule_value(sched, NULL, base, 3), 0);
    /* Not due yet: stays pending. */
    TT_EQ(schedule_value(sched, NULL, now_plus_ms(60000), 99), 0);
    TT_CHECK(avs_time_monotonic_equal(avs_sched_time_of_next(sched), base));
    avs_sched_run(sched);
    TT_CHECK(records_are(EXPECTED, 6));
    TT_CHECK(avs_time_monotonic_valid(avs_sched_time_of_next(sched)));
    avs_sched_cleanup(&sched);
    TT_CHECK(sched == NULL);
}

static int g_handle_was_null;

static void probe_handle(avs_sched_t *sched, const void *data) {
    avs_sched_handle_t *handle = *(avs_sched_handle_t *const *) data;
    (void) sched;
    g_handle_was_null = (*handle == NULL);
    /* Deleting the running job through its (now NULL) handle is a no-op. */
    avs_sched_del(handle);
    ++g_record_count;
}

static void handle_nulled_when_job_starts(void) {
    avs_sched_t *sched = avs_sched_new("handles", NULL);
    avs_sched_handle_t handle = NULL;
    avs_sched_handle_t *handle_ptr = &handle;
    TT_CHECK(sched);
    reset_record();
    g_handle_was_null = 0;
    TT_EQ(AVS_SCHED_NOW(sched, &handle, probe_handle, &handle_ptr,
                        sizeof(handle_ptr)),
          0);
    TT_CHECK(handle != NULL);
    TT_CHECK(avs_time_monotonic_valid(avs_sched_time(&handle)));
    avs_sched_run(sched);
    TT_EQ(g_record_count, 1);
    TT_EQ(g_handle_was_null, 1);
    TT_CHECK(handle == NULL);
    TT_CHECK(!avs_time_monotonic_valid(avs_sched_time(&handle)));
    avs_sched_cleanup(&sched);
}

static void delete_pending_job(void) {
    avs_sched_t *sched = avs_sched_new(NULL, NULL);
    avs_sched_handle_t handle = NULL;
    avs_sched_handle_t copy;
    TT_CHECK(sched);
    reset_record();
    TT_EQ(schedule_value(sched, &handle, now_plus_ms(-1), 1), 0);
    avs_sched_del(&handle);
    TT_CHECK(handle == NULL);
    avs_sched_del(&handle);
    avs_sched_del(NULL);
    avs_sched_run(sched);
    TT_EQ(g_record_count, 0);
    TT_CHECK(!avs_time_monotonic_valid(avs_sched_time_of_next(sched)));

    /* Deleting through a copy of the handle NULLs the original as well. */
    TT_EQ(schedule_value(sched, &handle, now_plus_ms(-1), 2), 0);
    copy = handle;
    avs_sched_del(&copy);
    TT_CHECK(copy == NULL);
    TT_CHECK(handle == NULL);
    avs_sched_cleanup(&sched);
}

static void reschedule(void) {
    static const int EXPECTED[] = {1, 2};
    avs_sched_t *sched = avs_sched_new("resched", NULL);
    avs_sched_handle_t late = NULL;
    avs_sched_handle_t none = NULL;
    avs_time_monotonic_t early = now_plus_ms(-500);
    TT_CHECK(sched);
    reset_record();
    TT_EQ(schedule_value(sched, &late, now_plus_ms(3600 * 1000), 1), 0);
    TT_EQ(schedule_value(sched, NULL, now_plus_ms(-100), 2), 0);
    TT_EQ(AVS_RESCHED_AT(&late, early), 0);
    TT_CHECK(late != NULL);
    TT_CHECK(avs_time_monotonic_equal(avs_sched_time(&late), early));
    TT_CHECK(avs_time_monotonic_equal(avs_sched_time_of_next(sched), early));
    TT_EQ(AVS_RESCHED_AT(&late, AVS_TIME_MONOTONIC_INVALID), -1);
    TT_EQ(AVS_RESCHED_AT(&none, early), -1);
    TT_EQ(AVS_RESCHED_AT(NULL, early), -1);
    avs_sched_run(sched);
    TT_CHECK(records_are(EXPECTED, 2));
    TT_CHECK(late == NULL);

    TT_EQ(schedule_value(sched, &late, now_plus_ms(3600 * 1000), 3), 0);
    TT_EQ(AVS_RESCHED_DELAYED(&late,
                              avs_time_duration_from_scalar(10, AVS_TIME_S)),
          0);
    TT_CHECK(avs_time_duration_less(
            avs_sched_time_to_next(sched),
            avs_time_duration_from_scalar(11, AVS_TIME_S)));
    TT_EQ(AVS_RESCHED_NOW(&late), 0);
    TT_CHECK(avs_time_duration_equal(avs_sched_time_to_next(sched),
                                     AVS_TIME_DURATION_ZERO));
    avs_sched_cleanup(&sched);
    TT_CHECK(late == NULL);
}

static void out_handle_replaces_job(void) {
    static const int EXPECTED[] = {2};
    avs_sched_t *sched = avs_sched_new("replace", NULL);
    avs_sched_t *other = avs_sched_new("other", NULL);
    avs_sched_handle_t handle = NULL;
    avs_sched_handle_t first;
    avs_sched_handle_t foreign = NULL;
    TT_CHECK(sched && other);
    reset_record();
    TT_EQ(schedule_value(sched, &handle, now_plus_ms(-10), 1), 0);
    first = handle;
    TT_EQ(schedule_value(sched, &handle, now_plus_ms(-10), 2), 0);
    TT_CHECK(handle != NULL && handle != first);

    /* A handle of another scheduler is refused and left alone. */
    TT_EQ(schedule_value(other, &foreign, now_plus_ms(60000), 7), 0);
    TT_EQ(schedule_value(sched, &foreign, now_plus_ms(-10), 3), -1);
    TT_CHECK(foreign != NULL);

    avs_sched_run(sched);
    TT_CHECK(records_are(EXPECTED, 1));
    TT_CHECK(handle == NULL);
    avs_sched_cleanup(&sched);
    avs_sched_cleanup(&other);
    TT_CHECK(foreign == NULL);
}

static void invalid_arguments(void) {
    avs_sched_t *sched = avs_sched_new("invalid", NULL);
    avs_sched_handle_t handle = NULL;
    int value = 1;
    TT_CHECK(sched);
    TT_EQ(schedule_value(sched, &handle, AVS_TIME_MONOTONIC_INVALID, 1), -1);
    TT_CHECK(handle == NULL);
    TT_EQ(AVS_SCHED_DELAYED(sched, &handle, AVS_TIME_DURATION_INVALID,
                            record_job, &value, sizeof(value)),
          -1);
    TT_EQ(AVS_SCHED_NOW(NULL, &handle, record_job, &value, sizeof(value)), -1);
    TT_EQ(avs_sched_at_impl__(sched, &handle, avs_time_monotonic_now(),
                              __FILE__, __LINE__, "null", NULL, NULL, 0),
          -1);
    TT_EQ(AVS_SCHED_NOW(sched, &handle, record_job, NULL, 4), -1);
    TT_CHECK(handle == NULL);
    TT_CHECK(!avs_time_monotonic_valid(avs_sched_time_of_next(sched)));
    TT_CHECK(!avs_time_duration_valid(avs_sched_time_to_next(sched)));
    avs_sched_cleanup(&sched);
    avs_sched_cleanup(&sched);
    avs_sched_cleanup(NULL);
}

static int g_self_runs;

static void reschedule_self_now(avs_sched_t *sched, const void *data) {
    (void) data;
    ++g_self_runs;
    TT_CHECK(AVS_SCHED_NOW(sched, NULL, reschedule_self_now, NULL, 0) == 0);
    /* Even a job scheduled in the past during this run waits. */
    TT_CHECK(AVS_SCHED_AT(sched, NULL,
                          avs_time_monotonic_from_scalar(0, AVS_TIME_S),
                          record_job, &g_self_runs, sizeof(g_self_runs)) == 0);
}

static void job_scheduled_during_run_waits(void) {
    avs_sched_t *sched = avs_sched_new("self", NULL);
    TT_CHECK(sched);
    g_self_runs = 0;
    reset_record();
    TT_EQ(AVS_SCHED_NOW(sched, NULL, reschedule_self_now, NULL, 0), 0);
    avs_sched_run(sched);
    TT_EQ(g_self_runs, 1);
    TT_EQ(g_record_count, 0);
    avs_sched_run(sched);
    TT_EQ(g_self_runs, 2);
    TT_EQ(g_record_count, 1);
    TT_EQ(g_record[0], 1);
    avs_sched_run(sched);
    TT_EQ(g_self_runs, 3);
    TT_EQ(g_record_count, 2);
    TT_EQ(g_record[1], 2);
    avs_sched_cleanup(&sched);
}

static avs_sched_handle_t g_victims[3];

static void delete_victims(avs_sched_t *sched, const void *data) {
    (void) sched;
    (void) data;
    avs_sched_del(&g_victims[0]);
    avs_sched_del(&g_victims[2]);
    /* Move the remaining one behind a job scheduled later. */
    AVS_RESCHED_AT(&g_victims[1], avs_time_monotonic_now());
    ++g_record_count;
}

static void delete_from_inside_job(void) {
    static const int EXPECTED_AFTER_FIRST_RUN[] = {0, 4};
    avs_sched_t *sched = avs_sched_new("del-inside", NULL);
    avs_time_monotonic_t base = now_plus_ms(-1000);
    int marker = 0;
    TT_CHECK(sched);
    reset_record();
    TT_EQ(AVS_SCHED_AT(sched, NULL, base, record_job, &marker, sizeof(marker)),
          0);
    TT_EQ(AVS_SCHED_AT(sched, NULL, base, delete_victims, NULL, 0), 0);
    TT_EQ(schedule_value(sched, &g_victims[0], base, 1), 0);
    TT_EQ(schedule_value(sched, &g_victims[1], base, 2), 0);
    TT_EQ(schedule_value(sched, &g_victims[2], base, 3), 0);
    TT_EQ(schedule_value(sched, NULL, base, 4), 0);
    avs_sched_run(sched);
    /* record_job(0), delete_victims (counted, no entry), 4; victim 1 was
     * rescheduled during the run, so it waits for the next one. */
    TT_EQ(g_record_count, 3);
    TT_EQ(g_record[0], EXPECTED_AFTER_FIRST_RUN[0]);
    TT_EQ(g_record[2], EXPECTED_AFTER_FIRST_RUN[1]);
    TT_CHECK(g_victims[0] == NULL && g_victims[2] == NULL);
    TT_CHECK(g_victims[1] != NULL);
    avs_sched_run(sched);
    TT_EQ(g_record_count, 4);
    TT_EQ(g_record[3], 2);
    TT_CHECK(g_victims[1] == NULL);
    avs_sched_cleanup(&sched);
}

typedef struct {
    char bytes[1001];
} big_data_t;

static int g_big_ok;

static void check_big_data(avs_sched_t *sched, const void *data) {
    const big_data_t *big = (const big_data_t *) data;
    size_t i;
    (void) sched;
    g_big_ok = ((uintptr_t) data % sizeof(avs_max_align_t) == 0);
    for (i = 0; i < sizeof(big->bytes); ++i) {
        if (big->bytes[i] != (char) (i % 101)) {
            g_big_ok = 0;
        }
    }
}

static void *g_seen_sched_data;

static void read_sched_data(avs_sched_t *sched, const void *data) {
    (void) data;
    g_seen_sched_data = avs_sched_data(sched);
}

static void job_data_is_copied(void) {
    int owner_tag;
    avs_sched_t *sched = avs_sched_new("data", &owner_tag);
    big_data_t big;
    size_t i;
    TT_CHECK(sched);
    TT_CHECK(avs_sched_data(sched) == &owner_tag);
    for (i = 0; i < sizeof(big.bytes); ++i) {
        big.bytes[i] = (char) (i % 101);
    }
    g_big_ok = 0;
    TT_EQ(AVS_SCHED_NOW(sched, NULL, check_big_data, &big, sizeof(big)), 0);
    memset(&big, 0xEE, sizeof(big));
    TT_EQ(AVS_SCHED_NOW(sched, NULL, read_sched_data, NULL, 0), 0);
    avs_sched_run(sched);
    TT_EQ(g_big_ok, 1);
    TT_CHECK(g_seen_sched_data == &owner_tag);
    avs_sched_cleanup(&sched);
}

static void detach_keeps_job(void) {
    static const int EXPECTED[] = {1};
    avs_sched_t *sched = avs_sched_new("detach", NULL);
    avs_sched_handle_t handle = NULL;
    avs_sched_handle_t reused;
    TT_CHECK(sched);
    reset_record();
    TT_EQ(schedule_value(sched, &handle, now_plus_ms(-1), 1), 0);
    avs_sched_detach(&handle);
    TT_CHECK(handle == NULL);
    /* The variable is free for another job; the detached one must no longer
     * write to it. */
    TT_EQ(schedule_value(sched, &handle, now_plus_ms(60000), 2), 0);
    reused = handle;
    avs_sched_run(sched);
    TT_CHECK(records_are(EXPECTED, 1));
    TT_CHECK(handle == reused);
    avs_sched_cleanup(&sched);
    TT_CHECK(handle == NULL);
}

static void wait_until_next_times_out_or_returns(void) {
    avs_sched_t *sched = avs_sched_new("wait", NULL);
    avs_time_monotonic_t start;
    int64_t elapsed;
    TT_CHECK(sched);
    start = avs_time_monotonic_now();
    TT_EQ(avs_sched_wait_until_next(sched, now_plus_ms(50)), -1);
    elapsed = ms_since(start);
    TT_CHECK(elapsed >= 49 && elapsed < 2000);

    TT_EQ(schedule_value(sched, NULL, now_plus_ms(-5), 1), 0);
    start = avs_time_monotonic_now();
    TT_EQ(avs_sched_wait_until_next(sched, now_plus_ms(5000)), 0);
    TT_CHECK(ms_since(start) < 1000);
    /* Due job wins even over a deadline already in the past. */
    TT_EQ(avs_sched_wait_until_next(sched, now_plus_ms(-5)), 0);
    avs_sched_run(sched);

    TT_EQ(schedule_value(sched, NULL, now_plus_ms(60), 2), 0);
    start = avs_time_monotonic_now();
    TT_EQ(avs_sched_wait_for_next(sched,
                                  avs_time_duration_from_scalar(5, AVS_TIME_S)),
          0);
    elapsed = ms_since(start);
    TT_CHECK(elapsed >= 55 && elapsed < 2000);
    avs_sched_cleanup(&sched);
}

typedef struct {
    avs_sched_t *sched;
    int delay_ms;
} late_scheduler_arg_t;

static void *schedule_later_from_thread(void *arg_) {
    late_scheduler_arg_t *arg = (late_scheduler_arg_t *) arg_;
    struct timespec pause;
    int value = 42;
    pause.tv_sec = 0;
    pause.tv_nsec = (long) arg->delay_ms * 1000000L;
    nanosleep(&pause, NULL);
    AVS_SCHED_NOW(arg->sched, NULL, record_job, &value, sizeof(value));
    return NULL;
}

static void waiter_woken_by_other_thread(void) {
    avs_sched_t *sched = avs_sched_new("wake", NULL);
    late_scheduler_arg_t arg;
    pthread_t thread;
    avs_time_monotonic_t start;
    int64_t elapsed;
    TT_CHECK(sched);
    reset_record();
    /* A job far in the future and a long deadline: only the wake-up from the
     * other thread can end the wait early. */
    TT_EQ(schedule_value(sched, NULL, now_plus_ms(3600 * 1000), 1), 0);
    arg.sched = sched;
    arg.delay_ms = 100;
    start = avs_time_monotonic_now();
    TT_EQ(pthread_create(&thread, NULL, schedule_later_from_thread, &arg), 0);
    TT_EQ(avs_sched_wait_until_next(sched, now_plus_ms(10000)), 0);
    elapsed = ms_since(start);
    pthread_join(thread, NULL);
    TT_CHECK(elapsed >= 90 && elapsed < 5000);
    avs_sched_run(sched);
    TT_EQ(g_record_count, 1);
    TT_EQ(g_record[0], 42);

    /* Also with no deadline at all and nothing scheduled. */
    start = avs_time_monotonic_now();
    TT_EQ(pthread_create(&thread, NULL, schedule_later_from_thread, &arg), 0);
    TT_EQ(avs_sched_wait_until_next(sched, AVS_TIME_MONOTONIC_INVALID), 0);
    pthread_join(thread, NULL);
    TT_CHECK(ms_since(start) < 5000);
    avs_sched_cleanup(&sched);
}

#define PRODUCED_JOBS 2000

static int g_consumed;

static void count_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    (void) data;
    ++g_consumed;
}

static void *produce_jobs(void *sched) {
    int i;
    for (i = 0; i < PRODUCED_JOBS; ++i) {
        AVS_SCHED_NOW((avs_sched_t *) sched, NULL, count_job, &i, sizeof(i));
    }
    return NULL;
}

static void concurrent_schedule_and_run(void) {
    avs_sched_t *sched = avs_sched_new("mt", NULL);
    pthread_t producer;
    avs_time_monotonic_t start = avs_time_monotonic_now();
    TT_CHECK(sched);
    g_consumed = 0;
    TT_EQ(pthread_create(&producer, NULL, produce_jobs, sched), 0);
    while (g_consumed < PRODUCED_JOBS && ms_since(start) < 10000) {
        avs_sched_wait_for_next(sched,
                                avs_time_duration_from_scalar(10, AVS_TIME_MS));
        avs_sched_run(sched);
    }
    pthread_join(producer, NULL);
    avs_sched_run(sched);
    TT_EQ(g_consumed, PRODUCED_JOBS);
    avs_sched_cleanup(&sched);
}

static void cleanup_frees_pending_jobs(void) {
    avs_sched_t *sched = avs_sched_new("cleanup", NULL);
    avs_sched_handle_t handles[10];
    big_data_t big;
    int i;
    TT_CHECK(sched);
    memset(&big, 1, sizeof(big));
    for (i = 0; i < 10; ++i) {
        handles[i] = NULL;
        TT_EQ(AVS_SCHED_DELAYED(sched, &handles[i],
                                avs_time_duration_from_scalar(i, AVS_TIME_S),
                                check_big_data, &big, sizeof(big)),
              0);
        TT_CHECK(handles[i] != NULL);
    }
    avs_sched_cleanup(&sched);
    TT_CHECK(sched == NULL);
    for (i = 0; i < 10; ++i) {
        TT_CHECK(handles[i] == NULL);
    }
}

static char g_log_lines[4096];

static void collect_log(avs_log_level_t level, const char *module,
                        const char *message) {
    (void) level;
    if (strcmp(module, "sched") == 0 &&
        strlen(g_log_lines) + strlen(message) + 2 < sizeof(g_log_lines)) {
        strcat(g_log_lines, message);
        strcat(g_log_lines, "\n");
    }
}

static void log_lines_name_jobs(void) {
    avs_sched_t *sched = avs_sched_new("logged", NULL);
    TT_CHECK(sched);
    g_log_lines[0] = '\0';
    avs_log_set_handler(collect_log);
    avs_log_set_level(sched, AVS_LOG_TRACE);
    TT_EQ(schedule_value(sched, NULL, now_plus_ms(-1), 1), 0);
    avs_sched_run(sched);
    avs_log_reset();
    TT_CHECK(strstr(g_log_lines, "record_job") != NULL);
    TT_CHECK(strstr(g_log_lines, "test_sched.c") != NULL);
    TT_CHECK(strstr(g_log_lines, "running") != NULL);
    TT_CHECK(strstr(g_log_lines, "logged") != NULL);
    avs_sched_cleanup(&sched);
}

int main(void) {
    TT_RUN(order_by_time_then_fifo);
    TT_RUN(handle_nulled_when_job_starts);
    TT_RUN(delete_pending_job);
    TT_RUN(reschedule);
    TT_RUN(out_handle_replaces_job);
    TT_RUN(invalid_arguments);
    TT_RUN(job_scheduled_during_run_waits);
    TT_RUN(delete_from_inside_job);
    TT_RUN(job_data_is_copied);
    TT_RUN(detach_keeps_job);
    TT_RUN(wait_until_next_times_out_or_returns);
    TT_RUN(waiter_woken_by_other_thread);
    TT_RUN(concurrent_schedule_and_run);
    TT_RUN(cleanup_frees_pending_jobs);
    TT_RUN(log_lines_name_jobs);
    return TT_SUMMARY();
}
