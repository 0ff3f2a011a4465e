/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Objects for the data model tests, written against the public API only,
 * plus a helper that runs one request through the engine.
 *
 * "Device-like" Object 3, one Instance 0:
 *   0 string R "Tern", 1 int RW, 2 double RW, 3 bool RW, 4 time RW,
 *   5 objlnk RW, 6 int RWM (Instances 0 and 1 at start), 7 E (records its
 *   arguments), 8 string W, 9 opaque RW, 10 int RW absent until written,
 *   11 int BS_RW. Validation fails when Resource 1 is negative.
 * "Multi" Object 33000, Instances created at will:
 *   0 string RW (must not be empty at commit), 1 int RW.
 */
#ifndef TERN_TEST_LWM2M_DM_OBJECTS_H
#define TERN_TEST_LWM2M_DM_OBJECTS_H

#include <anjay/anjay.h>

#include "lwm2m/dm/dm_request.h"

#define DEV_OID 3
#define MULTI_OID 33000
#define DEV_MAX_VALUES 8

typedef struct {
    int64_t counter;
    double temperature;
    bool enabled;
    int64_t time;
    anjay_oid_t link_oid;
    anjay_iid_t link_iid;
    anjay_riid_t value_riids[DEV_MAX_VALUES];
    int64_t values[DEV_MAX_VALUES];
    size_t value_count;
    char secret[32];
    uint8_t blob[64];
    size_t blob_size;
    bool optional_present;
    int64_t optional;
    int64_t bs_only;
} dev_state_t;

typedef struct {
    const anjay_dm_object_def_t *def;
    dev_state_t state;
    dev_state_t saved;
    /* What the last Execute saw: "0='a',3" style, rebuilt from the args. */
    char exec_log[128];
    int exec_result;
    int begins;
    int commits;
    int rollbacks;
} dev_object_t;

#define MULTI_MAX 8

typedef struct {
    anjay_iid_t iid;
    char name[32];
    int64_t value;
    bool has_value;
} multi_inst_t;

typedef struct {
    const anjay_dm_object_def_t *def;
    multi_inst_t inst[MULTI_MAX];
    size_t count;
    multi_inst_t saved[MULTI_MAX];
    size_t saved_count;
} multi_object_t;

/** Initial state of the Device-like Object. */
void dev_object_init(dev_object_t *obj);

/** An empty Multi Object. */
void multi_object_init(multi_object_t *obj);

/** Adds an Instance to the Multi Object directly. */
void multi_object_add(multi_object_t *obj, anjay_iid_t iid, const char *name,
                      int64_t value);

/** Outcome of one request. */
typedef struct {
    int result;
    tern_dm_response_t resp;
    char payload[4096];
} dm_call_t;

/** Runs a request; the payload is NUL-terminated in the result. */
dm_call_t dm_call(anjay_t *anjay, const tern_dm_request_t *req);

/** A request template: op on a path given as text, from server 1, 1.1. */
tern_dm_request_t dm_req(tern_dm_op_t op, const char *path);

#endif /* TERN_TEST_LWM2M_DM_OBJECTS_H */
