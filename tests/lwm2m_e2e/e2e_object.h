/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A test Object (33605) written against the public API, with one Resource
 * of each kind the end-to-end tests exercise:
 *   0 int RW, 1 string RW, 2 opaque RW, 3 double RW, 4 bool RW,
 *   5 Execute (records its arguments), 6 int RWM.
 * Instances are created and deleted at will; Instance 0 exists at start.
 */
#ifndef TERN_E2E_OBJECT_H
#define TERN_E2E_OBJECT_H

#include <anjay/anjay.h>

#define E2E_OID 33605
#define E2E_MAX_INSTANCES 8
#define E2E_MAX_VALUES 4

typedef struct {
    anjay_iid_t iid;
    int64_t integer;
    char string[64];
    uint8_t opaque[32];
    size_t opaque_size;
    double number;
    bool flag;
    anjay_riid_t riids[E2E_MAX_VALUES];
    int64_t values[E2E_MAX_VALUES];
    size_t value_count;
} e2e_instance_t;

typedef struct {
    const anjay_dm_object_def_t *def;
    e2e_instance_t inst[E2E_MAX_INSTANCES];
    size_t count;
    e2e_instance_t saved[E2E_MAX_INSTANCES];
    size_t saved_count;
    /** Arguments of the last Execute, as "0='a',3". */
    char exec_args[128];
    unsigned exec_count;
} e2e_object_t;

/** Puts the Object into its initial state. */
void e2e_object_init(e2e_object_t *obj);

/** The pointer to register. */
static inline const anjay_dm_object_def_t *const *
e2e_object_def(e2e_object_t *obj) {
    return &obj->def;
}

#endif /* TERN_E2E_OBJECT_H */
