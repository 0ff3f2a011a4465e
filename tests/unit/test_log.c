/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* These tests exercise the runtime filtering, so they keep avs_log() compiled
 * in even in a TERN_WITH_LOGS=OFF build. */
#include <avsystem/commons/avs_commons_config.h>
#ifndef AVS_COMMONS_WITH_LOGS
#    define AVS_COMMONS_WITH_LOGS
#endif
#include <avsystem/commons/avs_log.h>

#include <pthread.h>
#include <unistd.h>

#include "tern_test.h"

void log_with_logs_compiled_out(int *side_effect);

static struct {
    int calls;
    avs_log_level_t level;
    char module[64];
    char file[256];
    unsigned line;
    char message[1024];
} g_captured;

static void capture(avs_log_level_t level, const char *module,
                    const char *message) {
    ++g_captured.calls;
    g_captured.level = level;
    snprintf(g_captured.module, sizeof(g_captured.module), "%s", module);
    snprintf(g_captured.message, sizeof(g_captured.message), "%s", message);
}

static void capture_extended(avs_log_level_t level, const char *module,
                             const char *file, unsigned line,
                             const char *message) {
    capture(level, module, message);
    snprintf(g_captured.file, sizeof(g_captured.file), "%s", file);
    g_captured.line = line;
}

static void start(void) {
    avs_log_reset();
    memset(&g_captured, 0, sizeof(g_captured));
}

static int ends_with(const char *text, const char *suffix) {
    size_t text_len = strlen(text);
    size_t suffix_len = strlen(suffix);
    return text_len >= suffix_len &&
           strcmp(text + text_len - suffix_len, suffix) == 0;
}

static void default_levels(void) {
    start();
    TT_CHECK(!avs_log_should_log__(AVS_LOG_TRACE, "any"));
    TT_CHECK(!avs_log_should_log__(AVS_LOG_DEBUG, "any"));
    TT_CHECK(avs_log_should_log__(AVS_LOG_INFO, "any"));
    TT_CHECK(avs_log_should_log__(AVS_LOG_ERROR, "any"));
}

static void per_module_levels(void) {
    start();
    TT_EQ(avs_log_set_level(net, AVS_LOG_DEBUG), 0);
    TT_EQ(avs_log_set_level(coap, AVS_LOG_ERROR), 0);
    TT_CHECK(avs_log_should_log__(AVS_LOG_DEBUG, "net"));
    TT_CHECK(!avs_log_should_log__(AVS_LOG_TRACE, "net"));
    TT_CHECK(!avs_log_should_log__(AVS_LOG_WARNING, "coap"));
    TT_CHECK(!avs_log_should_log__(AVS_LOG_DEBUG, "other"));
    /* The default moves modules without their own level only. */
    avs_log_set_default_level(AVS_LOG_TRACE);
    TT_CHECK(avs_log_should_log__(AVS_LOG_TRACE, "other"));
    TT_CHECK(!avs_log_should_log__(AVS_LOG_TRACE, "net"));
    TT_CHECK(!avs_log_should_log__(AVS_LOG_INFO, "coap"));
    /* Setting again updates rather than adds. */
    TT_EQ(avs_log_set_level(coap, AVS_LOG_TRACE), 0);
    TT_CHECK(avs_log_should_log__(AVS_LOG_TRACE, "coap"));
    TT_EQ(avs_log_set_level(coap, AVS_LOG_QUIET), 0);
    TT_CHECK(!avs_log_should_log__(AVS_LOG_ERROR, "coap"));
    avs_log_reset();
    TT_CHECK(!avs_log_should_log__(AVS_LOG_DEBUG, "net"));
    TT_CHECK(avs_log_should_log__(AVS_LOG_INFO, "coap"));
}

static void handler_gets_full_line(void) {
    unsigned line;
    char expected[256];
    start();
    avs_log_set_handler(capture);
    line = __LINE__ + 1;
    avs_log(mymod, WARNING, "value %d of %s", 42, "x");
    TT_EQ(g_captured.calls, 1);
    TT_EQ(g_captured.level, AVS_LOG_WARNING);
    TT_STREQ(g_captured.module, "mymod");
    snprintf(expected, sizeof(expected),
             "WARNING [mymod] [test_log.c:%u]: value 42 of x", line);
    TT_STREQ(g_captured.message, expected);

    avs_log(mymod, DEBUG, "filtered out");
    TT_EQ(g_captured.calls, 1);
    avs_log_set_level(mymod, AVS_LOG_TRACE);
    avs_log(mymod, TRACE, "now visible");
    TT_EQ(g_captured.calls, 2);
    TT_CHECK(ends_with(g_captured.message, "]: now visible"));
    TT_CHECK(strncmp(g_captured.message, "TRACE [mymod]", 13) == 0);
    avs_log_reset();
}

static void extended_handler(void) {
    unsigned line;
    start();
    avs_log_set_extended_handler(capture_extended);
    line = __LINE__ + 1;
    avs_log(ext, ERROR, "bare %s", "text");
    TT_EQ(g_captured.calls, 1);
    TT_EQ(g_captured.level, AVS_LOG_ERROR);
    TT_STREQ(g_captured.module, "ext");
    TT_STREQ(g_captured.message, "bare text");
    TT_CHECK(ends_with(g_captured.file, "test_log.c"));
    TT_EQ(g_captured.line, line);
    /* A plain handler replaces the extended one. */
    avs_log_set_handler(capture);
    avs_log(ext, ERROR, "again");
    TT_EQ(g_captured.calls, 2);
    TT_CHECK(ends_with(g_captured.message, "]: again"));
    avs_log_reset();
}

static void long_message_truncated(void) {
    char long_text[2000];
    size_t len;
    start();
    memset(long_text, 'a', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    avs_log_set_handler(capture);
    avs_log(trunc, INFO, "%s", long_text);
    TT_EQ(g_captured.calls, 1);
    len = strlen(g_captured.message);
    TT_CHECK(len > 400 && len < 1000);
    TT_CHECK(ends_with(g_captured.message, "aaa..."));
    TT_CHECK(strncmp(g_captured.message, "INFO [trunc] [", 14) == 0);

    avs_log_set_extended_handler(capture_extended);
    avs_log(trunc, INFO, "%s", long_text);
    TT_EQ(g_captured.calls, 2);
    TT_EQ(strlen(g_captured.message), len);
    TT_CHECK(ends_with(g_captured.message, "aaa..."));
    TT_CHECK(g_captured.message[0] == 'a');
    avs_log_reset();
}

static void compiled_out_calls(void) {
    int side_effect = 0;
    start();
    avs_log_set_default_level(AVS_LOG_TRACE);
    avs_log_set_handler(capture);
    log_with_logs_compiled_out(&side_effect);
    TT_EQ(g_captured.calls, 0);
    TT_EQ(side_effect, 0);
    avs_log_reset();
}

static void default_handler_writes_stderr(void) {
    FILE *tmp = tmpfile();
    int saved_stderr;
    unsigned line;
    char got[256] = "";
    char expected[256];
    start();
    TT_CHECK(tmp);
    fflush(stderr);
    saved_stderr = dup(2);
    TT_CHECK(saved_stderr >= 0);
    dup2(fileno(tmp), 2);
    /* Setting and then clearing a handler must restore the default. */
    avs_log_set_handler(capture);
    avs_log_set_handler(NULL);
    line = __LINE__ + 1;
    avs_log(net, ERROR, "connect failed: %s", "refused");
    avs_log(net, DEBUG, "hidden");
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    rewind(tmp);
    TT_CHECK(fgets(got, sizeof(got), tmp));
    fclose(tmp);
    snprintf(expected, sizeof(expected),
             "ERROR [net] [test_log.c:%u]: connect failed: refused\n", line);
    TT_STREQ(got, expected);
    TT_EQ(g_captured.calls, 0);
}

static void reentrant_handler(avs_log_level_t level, const char *module,
                              const char *message) {
    capture(level, module, message);
    if (strcmp(module, "outer") == 0) {
        avs_log(inner, ERROR, "from handler");
    }
}

static void handler_may_log(void) {
    start();
    avs_log_set_handler(reentrant_handler);
    avs_log(outer, ERROR, "first");
    TT_EQ(g_captured.calls, 2);
    TT_STREQ(g_captured.module, "inner");
    avs_log_reset();
}

#define THREADS 4
#define MESSAGES_PER_THREAD 500

static int g_counted;

static void counting_handler(avs_log_level_t level, const char *module,
                             const char *message) {
    (void) level;
    (void) module;
    (void) message;
    /* Handlers run one at a time; no atomics needed. */
    ++g_counted;
}

static void *log_from_thread(void *arg) {
    int i;
    for (i = 0; i < MESSAGES_PER_THREAD; ++i) {
        avs_log(worker, INFO, "thread %p message %d", arg, i);
        if (i % 50 == 0) {
            avs_log_set_level(worker, AVS_LOG_INFO);
            avs_log_set_level__("scratch", AVS_LOG_DEBUG);
        }
    }
    return NULL;
}

static void concurrent_logging(void) {
    pthread_t threads[THREADS];
    int ids[THREADS];
    int i;
    start();
    g_counted = 0;
    avs_log_set_handler(counting_handler);
    for (i = 0; i < THREADS; ++i) {
        TT_EQ(pthread_create(&threads[i], NULL, log_from_thread, &ids[i]), 0);
    }
    for (i = 0; i < THREADS; ++i) {
        pthread_join(threads[i], NULL);
    }
    TT_EQ(g_counted, THREADS * MESSAGES_PER_THREAD);
    avs_log_reset();
}

int main(void) {
    TT_RUN(default_levels);
    TT_RUN(per_module_levels);
    TT_RUN(handler_gets_full_line);
    TT_RUN(extended_handler);
    TT_RUN(long_message_truncated);
    TT_RUN(compiled_out_calls);
    TT_RUN(default_handler_writes_stderr);
    TT_RUN(handler_may_log);
    TT_RUN(concurrent_logging);
    avs_log_reset();
    return TT_SUMMARY();
}
