/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * State of the built-in Server Object (anjay/server.h).
 */
#ifndef TERN_LWM2M_SERVER_OBJECT_H
#define TERN_LWM2M_SERVER_OBJECT_H

#include <anjay/server.h>

/** Resource IDs of the Server Object. */
enum {
    TERN_SERV_SSID = 0,
    TERN_SERV_LIFETIME = 1,
    TERN_SERV_DEFAULT_PMIN = 2,
    TERN_SERV_DEFAULT_PMAX = 3,
    TERN_SERV_DISABLE = 4,
    TERN_SERV_DISABLE_TIMEOUT = 5,
    TERN_SERV_NOTIFICATION_STORING = 6,
    TERN_SERV_BINDING = 7,
    TERN_SERV_UPDATE_TRIGGER = 8,
    TERN_SERV_BOOTSTRAP_TRIGGER = 9,
    TERN_SERV_INITIAL_DELAY = 14,
    TERN_SERV_BOOTSTRAP_ON_FAILURE = 16,
    TERN_SERV_RETRY_COUNT = 17,
    TERN_SERV_RETRY_TIMER = 18,
    TERN_SERV_SEQUENCE_DELAY = 19,
    TERN_SERV_SEQUENCE_RETRY_COUNT = 20,
    TERN_SERV_PREFERRED_TRANSPORT = 22,
    TERN_SERV_MUTE_SEND = 23
};

/** One Instance; a bit (1 << rid) of @c present per present Resource. */
typedef struct {
    anjay_iid_t iid;
    uint32_t present;
    int32_t ssid;
    int32_t lifetime;
    int32_t default_pmin;
    int32_t default_pmax;
    int32_t disable_timeout;
    bool notification_storing;
    char *binding;
    uint32_t initial_delay;
    bool bootstrap_on_failure;
    uint32_t retry_count;
    uint32_t retry_timer;
    uint32_t sequence_delay;
    uint32_t sequence_retry_count;
    char preferred_transport;
    bool mute_send;
} tern_serv_instance_t;

/** The Object. */
typedef struct {
    /** Registered definition; its address is the obj_ptr. */
    const anjay_dm_object_def_t *def;
    /** Instances in ascending IID order. */
    tern_serv_instance_t *instances;
    size_t count;
    /** Copy taken when a transaction began. */
    tern_serv_instance_t *saved;
    size_t saved_count;
    /** A transaction including this Object is open. */
    bool in_transaction;
    /** A transaction changed something. */
    bool dirty;
    /** Changed since install / persist / restore. */
    bool modified;
    /** Last list returned by anjay_server_get_ssids(). */
    AVS_LIST(anjay_ssid_t) ssids;
} tern_serv_object_t;

/** Checks one Instance; logs the first problem. */
int tern_serv_instance_validate(const tern_serv_instance_t *inst);

/** Checks all Instances, SSID uniqueness included. */
int tern_serv_object_validate(const tern_serv_object_t *obj);

/** A freshly created Instance (LwM2M defaults, nothing else present). */
void tern_serv_instance_init(tern_serv_instance_t *inst, anjay_iid_t iid);

/**
 * Adds a complete Instance, taking over its memory.
 *
 * @returns 0 or ANJAY_ERR_INTERNAL on lack of memory (then the caller still
 *          owns @p inst).
 */
int tern_serv_object_insert(tern_serv_object_t *obj,
                            const tern_serv_instance_t *inst);

/** Removes (and frees) the Instance at @p index of the array. */
void tern_serv_object_remove_at(tern_serv_object_t *obj, size_t index);

/** Removes every Instance. */
void tern_serv_object_clear(tern_serv_object_t *obj);

/** The installed Object, or NULL (logged) if none. */
tern_serv_object_t *tern_serv_object_get(anjay_t *anjay);

#endif /* TERN_LWM2M_SERVER_OBJECT_H */
