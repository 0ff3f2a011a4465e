/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_list.h>
#include <avsystem/commons/avs_log.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Longest line handed to a handler, NUL included. Longer ones are cut and end
 * with "..." so that the reader knows text is missing. */
#define LOG_LINE_SIZE 512
#define TRUNCATION_MARK "..."

typedef struct {
    avs_log_level_t level;
    char name[]; /* NUL-terminated */
} module_level_t;

static struct {
    avs_log_level_t default_level;
    AVS_LIST(module_level_t) modules;
    avs_log_handler_t *handler;
    avs_log_extended_handler_t *extended_handler;
} g_log = {AVS_LOG_INFO, NULL, NULL, NULL};

/* Recursive, so that a handler may itself log or query levels while the
 * lock is held; the lock is held during the handler so that switching
 * handlers never races with a message still on its way to the old one. */
static pthread_mutex_t g_log_mutex;
static pthread_once_t g_log_mutex_once = PTHREAD_ONCE_INIT;

static void init_log_mutex(void) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&g_log_mutex, &attr);
    pthread_mutexattr_destroy(&attr);
}

static void log_lock(void) {
    pthread_once(&g_log_mutex_once, init_log_mutex);
    pthread_mutex_lock(&g_log_mutex);
}

static void log_unlock(void) {
    pthread_mutex_unlock(&g_log_mutex);
}

static const char *level_name(avs_log_level_t level) {
    switch (level) {
        case AVS_LOG_TRACE:
            return "TRACE";
        case AVS_LOG_DEBUG:
            return "DEBUG";
        case AVS_LOG_INFO:
            return "INFO";
        case AVS_LOG_WARNING:
            return "WARNING";
        case AVS_LOG_ERROR:
            return "ERROR";
        default:
            return "LOG";
    }
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void default_handler(avs_log_level_t level, const char *module,
                            const char *message) {
    (void) level;
    (void) module;
    fprintf(stderr, "%s\n", message);
}

static module_level_t *find_module_unlocked(const char *module) {
    module_level_t *entry;
    AVS_LIST_FOREACH(entry, g_log.modules) {
        if (strcmp(entry->name, module) == 0) {
            return entry;
        }
    }
    return NULL;
}

void avs_log_set_handler(avs_log_handler_t *log_handler) {
    log_lock();
    g_log.handler = log_handler;
    g_log.extended_handler = NULL;
    log_unlock();
}

void avs_log_set_extended_handler(avs_log_extended_handler_t *log_handler) {
    log_lock();
    g_log.extended_handler = log_handler;
    g_log.handler = NULL;
    log_unlock();
}

void avs_log_reset(void) {
    log_lock();
    AVS_LIST_CLEAR(&g_log.modules);
    g_log.default_level = AVS_LOG_INFO;
    g_log.handler = NULL;
    g_log.extended_handler = NULL;
    log_unlock();
}

int avs_log_set_level__(const char *module, avs_log_level_t level) {
    module_level_t *entry;
    int result = 0;
    if (!module) {
        return -1;
    }
    log_lock();
    entry = find_module_unlocked(module);
    if (!entry) {
        size_t name_size = strlen(module) + 1;
        entry = (module_level_t *) AVS_LIST_NEW_BUFFER(sizeof(module_level_t) +
                                                       name_size);
        if (entry) {
            memcpy(entry->name, module, name_size);
            AVS_LIST_INSERT(&g_log.modules, entry);
        }
    }
    if (entry) {
        entry->level = level;
    } else {
        result = -1;
    }
    log_unlock();
    return result;
}

void avs_log_set_default_level__(avs_log_level_t level) {
    log_lock();
    g_log.default_level = level;
    log_unlock();
}

static bool should_log_unlocked(avs_log_level_t level, const char *module) {
    const module_level_t *entry = module ? find_module_unlocked(module) : NULL;
    avs_log_level_t threshold = entry ? entry->level : g_log.default_level;
    /* QUIET is a threshold, not a severity: nothing is ever logged at it. */
    return level >= threshold && level < AVS_LOG_QUIET;
}

int avs_log_should_log__(avs_log_level_t level, const char *module) {
    bool result;
    log_lock();
    result = should_log_unlocked(level, module);
    log_unlock();
    return result;
}

/* Appends to buf (of LOG_LINE_SIZE bytes, holding *used characters); on
 * overflow replaces the tail with TRUNCATION_MARK and returns -1. */
static int append_v(char *buf, size_t *used, const char *format, va_list ap) {
    size_t room = LOG_LINE_SIZE - *used;
    int written = vsnprintf(buf + *used, room, format, ap);
    if (written < 0) {
        buf[*used] = '\0';
        return -1;
    }
    if ((size_t) written >= room) {
        *used = LOG_LINE_SIZE - 1;
        memcpy(buf + LOG_LINE_SIZE - sizeof(TRUNCATION_MARK), TRUNCATION_MARK,
               sizeof(TRUNCATION_MARK));
        return -1;
    }
    *used += (size_t) written;
    return 0;
}

static int append(char *buf, size_t *used, const char *format, ...)
        AVS_F_PRINTF(3, 4);
static int append(char *buf, size_t *used, const char *format, ...) {
    int result;
    va_list ap;
    va_start(ap, format);
    result = append_v(buf, used, format, ap);
    va_end(ap);
    return result;
}

void avs_log_internal_l__(avs_log_level_t level, const char *module,
                          const char *file, unsigned line, const char *msg,
                          ...) {
    char buf[LOG_LINE_SIZE];
    size_t used = 0;
    va_list ap;
    if (!module) {
        module = "";
    }
    if (!file) {
        file = "";
    }
    log_lock();
    if (!should_log_unlocked(level, module)) {
        log_unlock();
        return;
    }
    /* The plain handler gets the whole line, prefix included; the extended
     * handler gets the bare text and formats the rest itself. */
    if (g_log.extended_handler ||
        append(buf, &used, "%s [%s] [%s:%u]: ", level_name(level), module,
               base_name(file), line) == 0) {
        va_start(ap, msg);
        append_v(buf, &used, msg, ap);
        va_end(ap);
    }
    if (g_log.extended_handler) {
        g_log.extended_handler(level, module, file, line, buf);
    } else if (g_log.handler) {
        g_log.handler(level, module, buf);
    } else {
        default_handler(level, module, buf);
    }
    log_unlock();
}
