/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Calls from the data model into the session layer (registration,
 * bootstrap, connections). The data model must not link against the
 * session code, so the session layer registers plain function pointers at
 * runtime with @ref tern_session_hooks_set; a NULL hook makes the operation
 * that needs it fail with 5.00 and a log line.
 */
#ifndef TERN_LWM2M_SESSION_HOOKS_H
#define TERN_LWM2M_SESSION_HOOKS_H

#include <anjay/core.h>

/** The hooks; every member may be NULL. */
typedef struct {
    /**
     * Execute on Server /1/x/4 (Disable): take the server offline for
     * @p timeout (from /1/x/5, 86400 s when absent), after the response to
     * the Execute has been sent.
     */
    int (*disable_server)(anjay_t *anjay, anjay_ssid_t ssid,
                          avs_time_duration_t timeout, void *arg);
    /** Execute on Server /1/x/8 (Registration Update Trigger). */
    int (*registration_update_trigger)(anjay_t *anjay, anjay_ssid_t ssid,
                                       void *arg);
    /** Execute on Server /1/x/9 (Bootstrap-Request Trigger). */
    int (*bootstrap_request_trigger)(anjay_t *anjay, anjay_ssid_t ssid,
                                     void *arg);
    /** Passed to every hook. */
    void *arg;
} tern_session_hooks_t;

/**
 * Installs the hooks (copied); NULL removes them all.
 *
 * @param anjay Client object.
 * @param hooks The hooks, or NULL.
 */
void tern_session_hooks_set(anjay_t *anjay, const tern_session_hooks_t *hooks);

#endif /* TERN_LWM2M_SESSION_HOOKS_H */
