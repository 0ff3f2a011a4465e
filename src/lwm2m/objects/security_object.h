/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * State of the built-in Security Object (anjay/security.h).
 */
#ifndef TERN_LWM2M_SECURITY_OBJECT_H
#define TERN_LWM2M_SECURITY_OBJECT_H

#include <anjay/security.h>

/** Resource IDs of the Security Object. */
enum {
    TERN_SEC_URI = 0,
    TERN_SEC_BOOTSTRAP = 1,
    TERN_SEC_MODE = 2,
    TERN_SEC_PK_OR_IDENTITY = 3,
    TERN_SEC_SERVER_PK = 4,
    TERN_SEC_SECRET_KEY = 5,
    TERN_SEC_SSID = 10,
    TERN_SEC_HOLDOFF = 11,
    TERN_SEC_BS_TIMEOUT = 12,
    TERN_SEC_MATCHING_TYPE = 13,
    TERN_SEC_SNI = 14,
    TERN_SEC_CERT_USAGE = 15,
    TERN_SEC_CIPHERSUITE = 16
};

/** One Instance; a bit (1 << rid) of @c present per present Resource. */
typedef struct {
    anjay_iid_t iid;
    uint32_t present;
    char *uri;
    bool bootstrap;
    int32_t mode;
    uint8_t *pk_or_identity;
    size_t pk_or_identity_size;
    uint8_t *server_pk;
    size_t server_pk_size;
    uint8_t *secret_key;
    size_t secret_key_size;
    int32_t ssid;
    int32_t holdoff_s;
    int32_t bs_timeout_s;
    int32_t matching_type;
    char *sni;
    int32_t cert_usage;
    /** Resource Instance IDs of /16, ascending. */
    anjay_riid_t *suite_riids;
    /** Cipher suite IDs, parallel to @c suite_riids. */
    uint32_t *suites;
    size_t suite_count;
} tern_sec_instance_t;

/** The Object. */
typedef struct {
    /** Registered definition; its address is the obj_ptr. */
    const anjay_dm_object_def_t *def;
    /** Instances in ascending IID order. */
    tern_sec_instance_t *instances;
    size_t count;
    /** Copy taken when a transaction began. */
    tern_sec_instance_t *saved;
    size_t saved_count;
    /** A transaction changed something. */
    bool dirty;
    /** Changed since install / persist / restore. */
    bool modified;
} tern_sec_object_t;

/** Frees one Instance's memory (wiping the secret key). */
void tern_sec_instance_free(tern_sec_instance_t *inst);

/** Checks one Instance; logs the first problem. */
int tern_sec_instance_validate(const tern_sec_instance_t *inst);

/** Checks the relations between Instances (SSIDs, one bootstrap account). */
int tern_sec_object_validate(const tern_sec_object_t *obj);

/**
 * Adds a complete Instance, taking over its memory (nothing is copied).
 *
 * @returns 0 or ANJAY_ERR_INTERNAL on lack of memory (then the caller still
 *          owns @p inst).
 */
int tern_sec_object_insert(tern_sec_object_t *obj,
                           const tern_sec_instance_t *inst);

/** Removes every Instance. */
void tern_sec_object_clear(tern_sec_object_t *obj);

/** The installed Object, or NULL (logged) if none. */
tern_sec_object_t *tern_sec_object_get(anjay_t *anjay);

#endif /* TERN_LWM2M_SECURITY_OBJECT_H */
