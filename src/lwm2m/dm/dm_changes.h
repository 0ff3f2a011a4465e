/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Changes of the data model, handed to the session layer.
 *
 * Everything that may require a Notify, an Update or a reload of the server
 * list ends up here: Writes, Creates and Deletes performed by servers (once
 * their transaction commits), Write-Attributes, and the application's
 * anjay_notify_changed() / anjay_notify_instances_changed(). Changes are
 * queued without duplicates and delivered in one batch by a scheduler job
 * (run by the next anjay_sched_run()) to the handler the session layer
 * installed with tern_dm_set_changes_handler(). Without a handler they are
 * dropped at delivery.
 */
#ifndef TERN_LWM2M_DM_CHANGES_H
#define TERN_LWM2M_DM_CHANGES_H

#include <anjay/core.h>

#include "../io/io_path.h"

/** What changed. */
typedef enum {
    /** The value of a Resource (or of one of its Instances): @c path is
     * /oid/iid/rid or /oid/iid/rid/riid. Also recorded for Resources
     * written by the Bootstrap Server. */
    TERN_DM_CHANGE_VALUE,
    /** Instances of an Object were created or removed: @c path is /oid. */
    TERN_DM_CHANGE_INSTANCES,
    /** A server's Write-Attributes changed attributes at @c path (any
     * level); @c ssid is that server. */
    TERN_DM_CHANGE_ATTRIBUTES,
    /** An Object was registered or unregistered: @c path is /oid. The
     * registration payload changes. */
    TERN_DM_CHANGE_OBJECTS
} tern_dm_change_kind_t;

/** One change. */
typedef struct {
    /** What changed. */
    tern_dm_change_kind_t kind;
    /** Where. */
    tern_io_path_t path;
    /** The server whose request caused it, ANJAY_SSID_BOOTSTRAP for the
     * Bootstrap Server, or ANJAY_SSID_ANY for the application. Lets the
     * session layer honour enable_self_notify. */
    anjay_ssid_t ssid;
} tern_dm_change_t;

/** A growable array of changes. */
typedef struct {
    /** The entries. */
    tern_dm_change_t *items;
    /** Number of entries. */
    size_t count;
    /** Allocated slots. */
    size_t capacity;
} tern_dm_change_list_t;

/**
 * Receives a batch of changes. The array is only valid during the call;
 * the handler may call back into the data model.
 */
typedef void tern_dm_changes_handler_t(anjay_t *anjay,
                                       const tern_dm_change_t *changes,
                                       size_t count, void *arg);

/** The queue and its consumer. */
typedef struct {
    /** Changes not delivered yet. */
    tern_dm_change_list_t queue;
    /** Pending delivery job. */
    avs_sched_handle_t flush_job;
    /** Consumer, or NULL. */
    tern_dm_changes_handler_t *handler;
    /** Argument of @c handler. */
    void *handler_arg;
} tern_dm_changes_t;

/**
 * Installs the consumer of changes (the session layer); NULL uninstalls.
 *
 * @param anjay   Client object.
 * @param handler Consumer.
 * @param arg     Passed to @p handler.
 */
void tern_dm_set_changes_handler(anjay_t *anjay,
                                 tern_dm_changes_handler_t *handler, void *arg);

/**
 * Records a change: held back if a transaction is open, queued (and the
 * delivery job scheduled) otherwise.
 *
 * @param anjay Client object.
 * @param kind  What changed.
 * @param path  Where.
 * @param ssid  Who caused it (see @ref tern_dm_change_t).
 * @returns 0, or ANJAY_ERR_INTERNAL on lack of memory (logged).
 */
int tern_dm_changes_record(anjay_t *anjay, tern_dm_change_kind_t kind,
                           const tern_io_path_t *path, anjay_ssid_t ssid);

/**
 * Delivers the queued changes now (normally done by the scheduled job).
 *
 * @param anjay Client object.
 */
void tern_dm_changes_flush(anjay_t *anjay);

/**
 * Appends a change to a list unless an equal one is already there.
 *
 * @returns 0 or ANJAY_ERR_INTERNAL on lack of memory (logged).
 */
int tern_dm_change_list_add(tern_dm_change_list_t *list,
                            const tern_dm_change_t *change);

/** Frees a list's memory. */
void tern_dm_change_list_clear(tern_dm_change_list_t *list);

/** Frees the queue; used by anjay_delete(). */
void tern_dm_changes_cleanup(tern_dm_changes_t *changes);

#endif /* TERN_LWM2M_DM_CHANGES_H */
