/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_log.h
 * Logging by module and level.
 *
 * <c>avs_log(net, ERROR, "connect failed: %s", why)</c> prints one line with
 * the level and the module name. Each module has a runtime threshold (the
 * default threshold applies to modules never configured). With the build
 * option TERN_WITH_LOGS=OFF the calls compile to nothing, but their arguments
 * are still type-checked.
 */
#ifndef AVS_COMMONS_LOG_H
#define AVS_COMMONS_LOG_H

#include <avsystem/commons/avs_defs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Severity, from most to least verbose. */
typedef enum {
    AVS_LOG_TRACE,
    AVS_LOG_DEBUG,
    AVS_LOG_INFO,
    AVS_LOG_WARNING,
    AVS_LOG_ERROR,
    AVS_LOG_QUIET
} avs_log_level_t;

/**
 * Receives each message as the whole line the default handler prints, without
 * a trailing newline: <c>LEVEL [module] [file.c:line]: text</c>. Lines longer
 * than 511 bytes are cut and end with "...".
 */
typedef void avs_log_handler_t(avs_log_level_t level, const char *module,
                               const char *message);

/** Like @ref avs_log_handler_t, but @p message is only the formatted text;
 * the level, module and source location come as separate arguments. */
typedef void avs_log_extended_handler_t(avs_log_level_t level,
                                        const char *module, const char *file,
                                        unsigned line, const char *message);

/** Replaces the output handler (the default writes to stderr); NULL restores
 * the default. */
void avs_log_set_handler(avs_log_handler_t *log_handler);

/** Replaces the output handler with one that also gets file and line. */
void avs_log_set_extended_handler(avs_log_extended_handler_t *log_handler);

/** Forgets all per-module levels and the handler; default level INFO. */
void avs_log_reset(void);

/** Sets the threshold of @p module; 0 on success, -1 on OOM. */
int avs_log_set_level__(const char *module, avs_log_level_t level);

/** Sets the threshold of modules that have none of their own. */
void avs_log_set_default_level__(avs_log_level_t level);

/** Sets the threshold of a module: <c>avs_log_set_level(net,
 * AVS_LOG_DEBUG)</c>. */
#define avs_log_set_level(Module, Level)                                       \
    avs_log_set_level__(AVS_QUOTE_MACRO(Module), Level)

/** Sets the default threshold:
 * <c>avs_log_set_default_level(AVS_LOG_WARNING)</c>. */
#define avs_log_set_default_level(Level) avs_log_set_default_level__(Level)

/** True if a message of @p level from @p module would be printed. */
int avs_log_should_log__(avs_log_level_t level, const char *module);

/** Formats and emits one message; use avs_log() instead. */
void avs_log_internal_l__(avs_log_level_t level, const char *module,
                          const char *file, unsigned line, const char *msg, ...)
        AVS_F_PRINTF(5, 6);

/* Never called: lets disabled logs type-check their arguments and keep the
 * variables they mention "used", without evaluating anything. */
static inline int avs_log_check__(const char *msg, ...) AVS_F_PRINTF(1, 2);
static inline int avs_log_check__(const char *msg, ...) {
    (void) msg;
    return 0;
}

#ifdef AVS_COMMONS_WITH_LOGS
/**
 * Logs a printf-style message. @p Module is a bare identifier, @p Level one of
 * TRACE, DEBUG, INFO, WARNING, ERROR.
 */
#    define avs_log(Module, Level, ...)                                        \
        avs_log_internal_l__(AVS_LOG_##Level, AVS_QUOTE_MACRO(Module),         \
                             __FILE__, __LINE__, __VA_ARGS__)
#else
#    define avs_log(Module, Level, ...)                                        \
        ((void) sizeof(avs_log_check__(__VA_ARGS__)))
#endif

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_LOG_H */
