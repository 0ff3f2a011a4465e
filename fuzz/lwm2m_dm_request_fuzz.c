/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The data model request engine (tern_dm_handle) facing a hostile server.
 *
 * Every input builds a fresh client with the Security Object, the Server
 * Object and a test Object holding every Resource type, then runs a short
 * sequence of requests so that Creates, Writes and Deletes can feed the
 * requests after them. Change notifications are delivered through the
 * scheduler after each request and answered with a Read, as the session
 * layer would when it notifies an observer.
 *
 * Input: fmt notification format (see take_format), u8 handler faults
 * (CHAOS_* bits), then up to MAX_REQUESTS records, each
 *   u8  operation (bit 7 set: a CoAP method in bits 0-2, classified by
 *       tern_dm_op_from_coap; otherwise an operation number, one past the
 *       last included)
 *   u8  path length (0-4) in bits 0-2, ssid choice in bits 3-5
 *   ids (see take_id)
 *   fmt content format, fmt accept (see take_format)
 *   u8  flags: bit 0 LwM2M 1.0, bits 1-2 payload offset, bits 3-4 payload
 *       limit, bits 5-7 response buffer size; some choices read their
 *       value from the next byte or two
 *   u8  Uri-Query count (0-4), each a u8 length and the bytes
 *   u16 payload length (big endian, capped at what is left) and the bytes
 *
 * The test Object checks the handler contract of dm.h (handlers that
 * modify only inside a transaction, only existing Instances and present
 * Resource Instances, no nested transactions) and aborts on a violation:
 * those are engine bugs as much as a crash is. The fault bits make its
 * listing and transaction handlers misbehave, and one of them gives it
 * attribute handlers of its own instead of the built-in storage.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <anjay/anjay.h>
#include <avsystem/commons/avs_log.h>

#include "lwm2m/anjay_core.h"
#include "lwm2m/attr/attr_rules.h"
#include "lwm2m/dm/dm_attributes.h"
#include "lwm2m/dm/dm_read.h"
#include "lwm2m/dm/dm_request.h"
#include "lwm2m/io/io.h"

#define MAX_REQUESTS 6
#define MAX_QUERIES 4

#define T_OID 33100
#define T_MAX_INST 5
#define T_MAX_RIIDS 4
#define T_BLOB_CAP 24
#define T_MAX_ATTRS 6

/* Handler faults, chosen per input. */
#define CHAOS_UNORDERED_INSTANCES 0x01
#define CHAOS_LIST_FAILS 0x02
#define CHAOS_BAD_RESOURCE_LIST 0x04
#define CHAOS_RES_INSTANCES_FAIL 0x08
#define CHAOS_BEGIN_FAILS 0x10
#define CHAOS_ROLLBACK_FAILS 0x20
#define CHAOS_OWN_ATTRS 0x40

/* ---- input -------------------------------------------------------------- */

typedef struct {
    const uint8_t *data;
    size_t size;
} reader_t;

static uint8_t take_u8(reader_t *r) {
    if (!r->size) {
        return 0;
    }
    --r->size;
    return *r->data++;
}

static uint16_t take_u16(reader_t *r) {
    uint16_t hi = take_u8(r);
    return (uint16_t) (hi << 8 | take_u8(r));
}

/* Small ids reach the Resources of every Object; the rest aim at the test
 * Object, the reserved id 65535 and arbitrary values. */
static uint16_t take_id(reader_t *r) {
    uint8_t b = take_u8(r);
    if (b < 32) {
        return b;
    }
    if (b < 80) {
        return T_OID;
    }
    if (b < 112) {
        return UINT16_MAX;
    }
    if (b < 128) {
        return UINT16_MAX - 1;
    }
    return take_u16(r);
}

static const uint16_t FORMATS[] = {
        TERN_IO_FMT_TEXT,   TERN_IO_FMT_LINK_FORMAT, TERN_IO_FMT_OPAQUE,
        TERN_IO_FMT_CBOR,   TERN_IO_FMT_SENML_JSON,  TERN_IO_FMT_SENML_CBOR,
        TERN_IO_FMT_TLV,    TERN_IO_FMT_LWM2M_JSON,  TERN_IO_FMT_LWM2M_CBOR,
        TERN_DM_FORMAT_NONE};

static uint16_t take_format(reader_t *r) {
    uint8_t b = take_u8(r);
    if (b >= 0xF0) {
        return take_u16(r);
    }
    return FORMATS[b % (sizeof(FORMATS) / sizeof(FORMATS[0]))];
}

static anjay_ssid_t pick_ssid(unsigned choice, reader_t *r) {
    switch (choice) {
        case 0:
        case 3:
            return 1;
        case 1:
            return 2;
        case 2:
            return ANJAY_SSID_BOOTSTRAP;
        case 4:
            return ANJAY_SSID_ANY;
        case 5:
            return 3; /* no such server */
        case 6:
            return take_u16(r);
        default:
            return 1;
    }
}

/* Each piece of the request lives in its own allocation of the exact size,
 * so that reading past it is caught. */
static void *copy_exact(reader_t *r, size_t len) {
    if (len > r->size) {
        len = r->size;
    }
    void *copy = malloc(len ? len : 1);
    if (!copy) {
        abort();
    }
    if (len) {
        memcpy(copy, r->data, len);
    }
    r->data += len;
    r->size -= len;
    return copy;
}

/* ---- the test Object ----------------------------------------------------- */

typedef enum {
    T_STRING,
    T_INT,
    T_FLOAT,
    T_BOOL,
    T_OPAQUE,
    T_OBJLNK,
    T_TIME
} t_type_t;
#define T_TYPES 7

/* 0-6: single-instance RW, one per type; 7-13: multiple-instance RWM, one
 * per type; then the special ones. */
enum {
    R_EXEC = 14,
    R_UINT_R = 15,
    R_INT_W = 16,
    R_BS_ONLY = 17,
    R_OPTIONAL = 18,
    R_STRINGS_RM = 19,
    R_MOODY = 20,
    R_COUNT = 21
};

typedef struct {
    int64_t i;
    double d;
    bool b;
    anjay_oid_t oid;
    anjay_iid_t iid;
    uint8_t bytes[T_BLOB_CAP];
    size_t len;
} slot_t;

typedef struct {
    size_t count;
    anjay_riid_t riids[T_MAX_RIIDS];
    slot_t v[T_MAX_RIIDS];
} multi_t;

typedef struct {
    anjay_iid_t iid;
    slot_t single[T_TYPES];
    multi_t multi[T_TYPES];
    int64_t write_only;
    int64_t bs_only;
    bool has_optional;
    int64_t optional;
} inst_t;

typedef struct {
    tern_io_path_t path;
    anjay_ssid_t ssid;
    anjay_dm_r_attributes_t attrs;
} attr_entry_t;

typedef struct {
    const anjay_dm_object_def_t *def;
    inst_t inst[T_MAX_INST];
    size_t count;
    inst_t saved[T_MAX_INST];
    size_t saved_count;
    bool in_transaction;
    unsigned chaos;
    attr_entry_t attrs[T_MAX_ATTRS];
    size_t attr_count;
} test_obj_t;

static test_obj_t g_obj;
/* Content format the simulated notifications are read in. */
static uint16_t g_notify_format;

#define CONTRACT(cond)                                                         \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "handler contract broken at %s:%d: %s\n",          \
                    __FILE__, __LINE__, #cond);                                \
            abort();                                                           \
        }                                                                      \
    } while (0)

static inst_t *find_inst(anjay_iid_t iid) {
    for (size_t i = 0; i < g_obj.count; ++i) {
        if (g_obj.inst[i].iid == iid) {
            return &g_obj.inst[i];
        }
    }
    return NULL;
}

static inst_t *existing_inst(const anjay_dm_object_def_t *const *obj_ptr,
                             anjay_iid_t iid) {
    CONTRACT(obj_ptr == &g_obj.def);
    inst_t *inst = find_inst(iid);
    CONTRACT(inst);
    return inst;
}

static void init_inst(inst_t *inst, anjay_iid_t iid) {
    memset(inst, 0, sizeof(*inst));
    inst->iid = iid;
    memcpy(inst->single[T_STRING].bytes, "tern", 4);
    inst->single[T_STRING].len = 4;
    inst->single[T_INT].i = -7;
    inst->single[T_FLOAT].d = 3.25;
    inst->single[T_BOOL].b = true;
    memcpy(inst->single[T_OPAQUE].bytes, "\x00\xff\x10", 3);
    inst->single[T_OPAQUE].len = 3;
    inst->single[T_OBJLNK].oid = 1;
    inst->single[T_OBJLNK].iid = 0;
    inst->single[T_TIME].i = 1700000000;
    for (int t = 0; t < T_TYPES; ++t) {
        multi_t *m = &inst->multi[t];
        m->count = 2;
        m->riids[0] = 0;
        m->riids[1] = 7;
        m->v[0] = inst->single[t];
        m->v[1] = inst->single[t];
        m->v[1].i = INT64_MIN;
        m->v[1].d = -0.0;
    }
    inst->bs_only = 5;
}

static int add_inst(anjay_iid_t iid) {
    if (g_obj.count == T_MAX_INST) {
        return ANJAY_ERR_INTERNAL;
    }
    size_t i = 0;
    while (i < g_obj.count && g_obj.inst[i].iid < iid) {
        ++i;
    }
    memmove(&g_obj.inst[i + 1], &g_obj.inst[i],
            (g_obj.count - i) * sizeof(g_obj.inst[0]));
    init_inst(&g_obj.inst[i], iid);
    ++g_obj.count;
    return 0;
}

static int t_list_instances(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *obj_ptr,
                            anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    CONTRACT(obj_ptr == &g_obj.def);
    for (size_t i = 0; i < g_obj.count; ++i) {
        anjay_dm_emit(ctx, g_obj.inst[i].iid);
    }
    if ((g_obj.chaos & CHAOS_UNORDERED_INSTANCES) && g_obj.count) {
        anjay_dm_emit(ctx, g_obj.inst[0].iid);
    }
    if ((g_obj.chaos & CHAOS_LIST_FAILS) && g_obj.count > 2) {
        return ANJAY_ERR_SERVICE_UNAVAILABLE;
    }
    return 0;
}

static int t_instance_create(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *obj_ptr,
                             anjay_iid_t iid) {
    (void) anjay;
    CONTRACT(obj_ptr == &g_obj.def);
    CONTRACT(g_obj.in_transaction);
    CONTRACT(iid != ANJAY_ID_INVALID && !find_inst(iid));
    return add_inst(iid);
}

static int t_instance_remove(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *obj_ptr,
                             anjay_iid_t iid) {
    (void) anjay;
    inst_t *inst = existing_inst(obj_ptr, iid);
    CONTRACT(g_obj.in_transaction);
    size_t i = (size_t) (inst - g_obj.inst);
    memmove(&g_obj.inst[i], &g_obj.inst[i + 1],
            (g_obj.count - i - 1) * sizeof(g_obj.inst[0]));
    --g_obj.count;
    return 0;
}

static int t_instance_reset(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *obj_ptr,
                            anjay_iid_t iid) {
    (void) anjay;
    inst_t *inst = existing_inst(obj_ptr, iid);
    CONTRACT(g_obj.in_transaction);
    init_inst(inst, iid);
    for (int t = 0; t < T_TYPES; ++t) {
        inst->multi[t].count = 0;
    }
    return 0;
}

static int t_list_resources(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *obj_ptr,
                            anjay_iid_t iid,
                            anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    inst_t *inst = existing_inst(obj_ptr, iid);
    for (anjay_rid_t rid = 0; rid < T_TYPES; ++rid) {
        anjay_dm_emit_res(ctx, rid, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    }
    for (anjay_rid_t rid = T_TYPES; rid < 2 * T_TYPES; ++rid) {
        anjay_dm_emit_res(ctx, rid, ANJAY_DM_RES_RWM, ANJAY_DM_RES_PRESENT);
    }
    anjay_dm_emit_res(ctx, R_EXEC, ANJAY_DM_RES_E, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, R_UINT_R, ANJAY_DM_RES_R, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, R_INT_W, ANJAY_DM_RES_W, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, R_BS_ONLY, ANJAY_DM_RES_BS_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, R_OPTIONAL, ANJAY_DM_RES_RW,
                      inst->has_optional ? ANJAY_DM_RES_PRESENT
                                         : ANJAY_DM_RES_ABSENT);
    anjay_dm_emit_res(ctx, R_STRINGS_RM, ANJAY_DM_RES_RM, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, R_MOODY, ANJAY_DM_RES_R, ANJAY_DM_RES_PRESENT);
    if ((g_obj.chaos & CHAOS_BAD_RESOURCE_LIST) && inst->iid % 2) {
        anjay_dm_emit_res(ctx, R_COUNT, (anjay_dm_resource_kind_t) 99,
                          ANJAY_DM_RES_PRESENT);
        anjay_dm_emit_res(ctx, 1, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    }
    if ((g_obj.chaos & CHAOS_LIST_FAILS) && inst->has_optional) {
        return ANJAY_ERR_INTERNAL;
    }
    return 0;
}

static int ret_slot(anjay_output_ctx_t *ctx, t_type_t type, const slot_t *s) {
    switch (type) {
        case T_STRING: {
            char text[T_BLOB_CAP + 1];
            memcpy(text, s->bytes, s->len);
            text[s->len] = '\0';
            return anjay_ret_string(ctx, text);
        }
        case T_INT:
            return anjay_ret_i64(ctx, s->i);
        case T_FLOAT:
            return anjay_ret_double(ctx, s->d);
        case T_BOOL:
            return anjay_ret_bool(ctx, s->b);
        case T_OPAQUE: {
            /* Handed out in pieces, to go through the chunked API. */
            anjay_ret_bytes_ctx_t *bytes = anjay_ret_bytes_begin(ctx, s->len);
            if (!bytes) {
                return ANJAY_ERR_INTERNAL;
            }
            for (size_t i = 0; i < s->len; i += 5) {
                size_t n = s->len - i < 5 ? s->len - i : 5;
                int result = anjay_ret_bytes_append(bytes, s->bytes + i, n);
                if (result) {
                    return result;
                }
            }
            return 0;
        }
        case T_OBJLNK:
            return anjay_ret_objlnk(ctx, s->oid, s->iid);
        case T_TIME:
            return anjay_ret_i64(ctx, s->i);
    }
    return ANJAY_ERR_INTERNAL;
}

/* A Resource whose handler misbehaves in every way the output context has
 * to survive, picked by the value of the write-only Resource. */
static int read_moody(anjay_output_ctx_t *ctx, const inst_t *inst) {
    switch ((uint64_t) inst->write_only % 6) {
        case 0:
            return anjay_ret_i64(ctx, inst->single[T_INT].i);
        case 1:
            return ANJAY_ERR_NOT_FOUND;
        case 2:
            return 0;
        case 3:
            (void) anjay_ret_bool(ctx, true);
            return anjay_ret_string(ctx, "twice");
        case 4: {
            anjay_ret_bytes_ctx_t *bytes = anjay_ret_bytes_begin(ctx, 8);
            return bytes ? anjay_ret_bytes_append(bytes, "half", 4)
                         : ANJAY_ERR_INTERNAL;
        }
        default:
            (void) anjay_ret_u64(ctx, UINT64_MAX);
            return -42;
    }
}

static int t_resource_read(anjay_t *anjay,
                           const anjay_dm_object_def_t *const *obj_ptr,
                           anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                           anjay_output_ctx_t *ctx) {
    (void) anjay;
    inst_t *inst = existing_inst(obj_ptr, iid);
    if (rid < T_TYPES) {
        CONTRACT(riid == ANJAY_ID_INVALID);
        return ret_slot(ctx, (t_type_t) rid, &inst->single[rid]);
    }
    if (rid < 2 * T_TYPES) {
        const multi_t *m = &inst->multi[rid - T_TYPES];
        for (size_t i = 0; i < m->count; ++i) {
            if (m->riids[i] == riid) {
                return ret_slot(ctx, (t_type_t) (rid - T_TYPES), &m->v[i]);
            }
        }
        CONTRACT(!"read of a missing Resource Instance");
    }
    switch (rid) {
        case R_UINT_R:
            CONTRACT(riid == ANJAY_ID_INVALID);
            return anjay_ret_u64(ctx, UINT64_MAX - (uint64_t) iid);
        case R_BS_ONLY:
            CONTRACT(riid == ANJAY_ID_INVALID);
            return anjay_ret_i64(ctx, inst->bs_only);
        case R_OPTIONAL:
            CONTRACT(riid == ANJAY_ID_INVALID && inst->has_optional);
            return anjay_ret_i64(ctx, inst->optional);
        case R_STRINGS_RM:
            CONTRACT(riid == 1 || riid == 3);
            return anjay_ret_string(ctx, riid == 1 ? "" : "a\"b\\c,d;<e>");
        case R_MOODY:
            CONTRACT(riid == ANJAY_ID_INVALID);
            return read_moody(ctx, inst);
        default:
            /* Write-only, executable: the engine should not ask. */
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int get_slot(anjay_input_ctx_t *ctx, t_type_t type, slot_t *s,
                    bool narrow) {
    switch (type) {
        case T_STRING: {
            /* Small buffer on purpose: a long value arrives in pieces. */
            char chunk[7];
            size_t len = 0;
            int result;
            do {
                result = anjay_get_string(ctx, chunk, sizeof(chunk));
                if (result < 0) {
                    return result;
                }
                size_t n = strlen(chunk);
                if (n > T_BLOB_CAP - len) {
                    return ANJAY_ERR_BAD_REQUEST;
                }
                memcpy(s->bytes + len, chunk, n);
                len += n;
            } while (result == ANJAY_BUFFER_TOO_SHORT);
            s->len = len;
            return 0;
        }
        case T_INT:
            if (narrow) {
                int32_t v;
                int result = anjay_get_i32(ctx, &v);
                if (!result) {
                    s->i = v;
                }
                return result;
            }
            return anjay_get_i64(ctx, &s->i);
        case T_FLOAT:
            if (narrow) {
                float v;
                int result = anjay_get_float(ctx, &v);
                if (!result) {
                    s->d = v;
                }
                return result;
            }
            return anjay_get_double(ctx, &s->d);
        case T_BOOL:
            return anjay_get_bool(ctx, &s->b);
        case T_OPAQUE: {
            size_t len = 0;
            bool finished = false;
            while (!finished) {
                size_t n;
                size_t room = T_BLOB_CAP - len < 3 ? T_BLOB_CAP - len : 3;
                int result = anjay_get_bytes(ctx, &n, &finished, s->bytes + len,
                                             room);
                if (result) {
                    return result;
                }
                len += n;
                if (!finished && len == T_BLOB_CAP) {
                    return ANJAY_ERR_BAD_REQUEST;
                }
            }
            s->len = len;
            return 0;
        }
        case T_OBJLNK:
            return anjay_get_objlnk(ctx, &s->oid, &s->iid);
        case T_TIME:
            if (narrow) {
                uint32_t v;
                int result = anjay_get_u32(ctx, &v);
                if (!result) {
                    s->i = v;
                }
                return result;
            }
            return anjay_get_i64(ctx, &s->i);
    }
    return ANJAY_ERR_INTERNAL;
}

static int write_multi(multi_t *m, t_type_t type, anjay_riid_t riid,
                       anjay_input_ctx_t *ctx) {
    size_t i = 0;
    while (i < m->count && m->riids[i] < riid) {
        ++i;
    }
    if (i < m->count && m->riids[i] == riid) {
        return get_slot(ctx, type, &m->v[i], true);
    }
    if (m->count == T_MAX_RIIDS) {
        return ANJAY_ERR_BAD_REQUEST;
    }
    slot_t value;
    memset(&value, 0, sizeof(value));
    int result = get_slot(ctx, type, &value, true);
    if (result) {
        return result;
    }
    memmove(&m->riids[i + 1], &m->riids[i],
            (m->count - i) * sizeof(m->riids[0]));
    memmove(&m->v[i + 1], &m->v[i], (m->count - i) * sizeof(m->v[0]));
    m->riids[i] = riid;
    m->v[i] = value;
    ++m->count;
    return 0;
}

static int t_resource_write(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *obj_ptr,
                            anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                            anjay_input_ctx_t *ctx) {
    (void) anjay;
    inst_t *inst = existing_inst(obj_ptr, iid);
    CONTRACT(g_obj.in_transaction);
    CONTRACT(rid != R_EXEC && rid < R_COUNT);
    bool multiple =
            (rid >= T_TYPES && rid < 2 * T_TYPES) || rid == R_STRINGS_RM;
    CONTRACT(multiple == (riid != ANJAY_ID_INVALID));
    if (rid < T_TYPES) {
        return get_slot(ctx, (t_type_t) rid, &inst->single[rid], false);
    }
    if (rid < 2 * T_TYPES) {
        return write_multi(&inst->multi[rid - T_TYPES],
                           (t_type_t) (rid - T_TYPES), riid, ctx);
    }
    switch (rid) {
        case R_INT_W:
            return anjay_get_i64(ctx, &inst->write_only);
        case R_BS_ONLY:
            return anjay_get_i64(ctx, &inst->bs_only);
        case R_OPTIONAL: {
            int result = anjay_get_i64(ctx, &inst->optional);
            if (!result) {
                inst->has_optional = true;
            }
            return result;
        }
        default:
            /* Read-only ones, reachable for the Bootstrap Server: refused
             * the way a real Object refuses them. */
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int t_resource_reset(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *obj_ptr,
                            anjay_iid_t iid, anjay_rid_t rid) {
    (void) anjay;
    inst_t *inst = existing_inst(obj_ptr, iid);
    CONTRACT(g_obj.in_transaction);
    if (rid >= T_TYPES && rid < 2 * T_TYPES) {
        inst->multi[rid - T_TYPES].count = 0;
        return 0;
    }
    CONTRACT(rid == R_STRINGS_RM);
    return ANJAY_ERR_METHOD_NOT_ALLOWED;
}

static int t_list_resource_instances(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    inst_t *inst = existing_inst(obj_ptr, iid);
    if (rid == R_STRINGS_RM) {
        anjay_dm_emit(ctx, 1);
        anjay_dm_emit(ctx, 3);
        return 0;
    }
    CONTRACT(rid >= T_TYPES && rid < 2 * T_TYPES);
    const multi_t *m = &inst->multi[rid - T_TYPES];
    for (size_t i = 0; i < m->count; ++i) {
        anjay_dm_emit(ctx, m->riids[i]);
    }
    if ((g_obj.chaos & CHAOS_RES_INSTANCES_FAIL) && rid % 2) {
        if (m->count) {
            anjay_dm_emit(ctx, m->riids[0]);
        }
        return rid == 2 * T_TYPES - 1 ? -1 : 0;
    }
    return 0;
}

static int t_resource_execute(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid, anjay_rid_t rid,
                              anjay_execute_ctx_t *ctx) {
    inst_t *inst = existing_inst(obj_ptr, iid);
    CONTRACT(rid == R_EXEC);
    int arg;
    bool has_value;
    int result;
    while (!(result = anjay_execute_get_next_arg(ctx, &arg, &has_value))) {
        CONTRACT(arg >= 0 && arg <= 9);
        if (!has_value) {
            continue;
        }
        /* The buffer size varies with the argument, down to the minimum. */
        char chunk[6];
        size_t chunk_size = 2 + (size_t) arg % 4;
        int value_result;
        do {
            size_t n;
            value_result =
                    anjay_execute_get_arg_value(ctx, &n, chunk, chunk_size);
            if (value_result < 0) {
                return value_result;
            }
            CONTRACT(n < chunk_size && chunk[n] == '\0');
        } while (value_result == ANJAY_BUFFER_TOO_SHORT);
        if (arg == 9) {
            /* The argument of an alarm Resource, say: it may refuse. */
            return ANJAY_ERR_BAD_REQUEST;
        }
    }
    if (result != ANJAY_EXECUTE_GET_ARG_END) {
        return result;
    }
    /* Changed behind the engine's back, as an application would. */
    ++inst->single[T_INT].i;
    (void) anjay_notify_changed(anjay, T_OID, iid, T_INT);
    return 0;
}

static int t_begin(anjay_t *anjay,
                   const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    CONTRACT(obj_ptr == &g_obj.def);
    CONTRACT(!g_obj.in_transaction);
    if ((g_obj.chaos & CHAOS_BEGIN_FAILS) && g_obj.count == 1) {
        return ANJAY_ERR_SERVICE_UNAVAILABLE;
    }
    memcpy(g_obj.saved, g_obj.inst, sizeof(g_obj.inst));
    g_obj.saved_count = g_obj.count;
    g_obj.in_transaction = true;
    return 0;
}

/* Rejects a few values a real Object could find inconsistent. */
static int t_validate(anjay_t *anjay,
                      const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    CONTRACT(obj_ptr == &g_obj.def);
    CONTRACT(g_obj.in_transaction);
    for (size_t i = 0; i < g_obj.count; ++i) {
        const inst_t *inst = &g_obj.inst[i];
        if (inst->single[T_INT].i == 13 || inst->single[T_BOOL].b == false ||
            (inst->single[T_STRING].len == 4 &&
             !memcmp(inst->single[T_STRING].bytes, "fail", 4))) {
            return ANJAY_ERR_BAD_REQUEST;
        }
        if (inst->multi[T_INT].count > 3) {
            return -1;
        }
    }
    return 0;
}

static int t_commit(anjay_t *anjay,
                    const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    CONTRACT(obj_ptr == &g_obj.def);
    CONTRACT(g_obj.in_transaction);
    for (size_t i = 0; i < g_obj.count; ++i) {
        /* A storage failure the validation could not foresee. */
        if (g_obj.inst[i].single[T_TIME].i == -1) {
            return ANJAY_ERR_INTERNAL;
        }
    }
    g_obj.in_transaction = false;
    return 0;
}

static int t_rollback(anjay_t *anjay,
                      const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    CONTRACT(obj_ptr == &g_obj.def);
    CONTRACT(g_obj.in_transaction);
    memcpy(g_obj.inst, g_obj.saved, sizeof(g_obj.inst));
    g_obj.count = g_obj.saved_count;
    g_obj.in_transaction = false;
    /* Restored, but complaining: the engine can only log it. */
    return (g_obj.chaos & CHAOS_ROLLBACK_FAILS) ? ANJAY_ERR_INTERNAL : 0;
}

/* Attribute handlers replacing the built-in storage. */

static attr_entry_t *find_attrs(const tern_io_path_t *path, anjay_ssid_t ssid) {
    for (size_t i = 0; i < g_obj.attr_count; ++i) {
        if (g_obj.attrs[i].ssid == ssid &&
            tern_io_path_equal(&g_obj.attrs[i].path, path)) {
            return &g_obj.attrs[i];
        }
    }
    return NULL;
}

static void read_attrs(const tern_io_path_t *path, anjay_ssid_t ssid,
                       anjay_dm_r_attributes_t *out) {
    const attr_entry_t *entry = find_attrs(path, ssid);
    *out = entry ? entry->attrs : ANJAY_DM_R_ATTRIBUTES_EMPTY;
}

static int write_attrs(const tern_io_path_t *path, anjay_ssid_t ssid,
                       const anjay_dm_r_attributes_t *attrs) {
    CONTRACT(tern_attr_valid(attrs));
    attr_entry_t *entry = find_attrs(path, ssid);
    if (!entry) {
        if (g_obj.attr_count == T_MAX_ATTRS) {
            return ANJAY_ERR_INTERNAL;
        }
        entry = &g_obj.attrs[g_obj.attr_count++];
        entry->path = *path;
        entry->ssid = ssid;
    }
    entry->attrs = *attrs;
    return 0;
}

static int t_object_read_attrs(anjay_t *anjay,
                               const anjay_dm_object_def_t *const *obj_ptr,
                               anjay_ssid_t ssid,
                               anjay_dm_oi_attributes_t *out) {
    (void) anjay;
    CONTRACT(obj_ptr == &g_obj.def);
    anjay_dm_r_attributes_t attrs;
    read_attrs(&(const tern_io_path_t){{T_OID}, 1}, ssid, &attrs);
    *out = attrs.common;
    return 0;
}

static int t_object_write_attrs(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr,
                                anjay_ssid_t ssid,
                                const anjay_dm_oi_attributes_t *attrs) {
    (void) anjay;
    CONTRACT(obj_ptr == &g_obj.def);
    anjay_dm_r_attributes_t r = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    r.common = *attrs;
    return write_attrs(&(const tern_io_path_t){{T_OID}, 1}, ssid, &r);
}

static int t_instance_read_attrs(anjay_t *anjay,
                                 const anjay_dm_object_def_t *const *obj_ptr,
                                 anjay_iid_t iid, anjay_ssid_t ssid,
                                 anjay_dm_oi_attributes_t *out) {
    (void) anjay;
    (void) existing_inst(obj_ptr, iid);
    anjay_dm_r_attributes_t attrs;
    read_attrs(&(const tern_io_path_t){{T_OID, iid}, 2}, ssid, &attrs);
    *out = attrs.common;
    return 0;
}

static int t_instance_write_attrs(anjay_t *anjay,
                                  const anjay_dm_object_def_t *const *obj_ptr,
                                  anjay_iid_t iid, anjay_ssid_t ssid,
                                  const anjay_dm_oi_attributes_t *attrs) {
    (void) anjay;
    (void) existing_inst(obj_ptr, iid);
    anjay_dm_r_attributes_t r = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    r.common = *attrs;
    return write_attrs(&(const tern_io_path_t){{T_OID, iid}, 2}, ssid, &r);
}

static int t_resource_read_attrs(anjay_t *anjay,
                                 const anjay_dm_object_def_t *const *obj_ptr,
                                 anjay_iid_t iid, anjay_rid_t rid,
                                 anjay_ssid_t ssid,
                                 anjay_dm_r_attributes_t *out) {
    (void) anjay;
    (void) existing_inst(obj_ptr, iid);
    CONTRACT(rid < R_COUNT);
    read_attrs(&(const tern_io_path_t){{T_OID, iid, rid}, 3}, ssid, out);
    return 0;
}

static int t_resource_write_attrs(anjay_t *anjay,
                                  const anjay_dm_object_def_t *const *obj_ptr,
                                  anjay_iid_t iid, anjay_rid_t rid,
                                  anjay_ssid_t ssid,
                                  const anjay_dm_r_attributes_t *attrs) {
    (void) anjay;
    (void) existing_inst(obj_ptr, iid);
    CONTRACT(rid < R_COUNT);
    return write_attrs(&(const tern_io_path_t){{T_OID, iid, rid}, 3}, ssid,
                       attrs);
}

static int t_resource_instance_read_attrs(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid, anjay_ssid_t ssid,
        anjay_dm_r_attributes_t *out) {
    (void) anjay;
    (void) existing_inst(obj_ptr, iid);
    CONTRACT(rid < R_COUNT && riid != ANJAY_ID_INVALID);
    read_attrs(&(const tern_io_path_t){{T_OID, iid, rid, riid}, 4}, ssid, out);
    return 0;
}

static int t_resource_instance_write_attrs(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid, anjay_ssid_t ssid,
        const anjay_dm_r_attributes_t *attrs) {
    (void) anjay;
    (void) existing_inst(obj_ptr, iid);
    CONTRACT(rid < R_COUNT && riid != ANJAY_ID_INVALID);
    return write_attrs(&(const tern_io_path_t){{T_OID, iid, rid, riid}, 4},
                       ssid, attrs);
}

static const anjay_dm_object_def_t TEST_DEF = {
        .oid = T_OID,
        .version = "1.1",
        .handlers = {.list_instances = t_list_instances,
                     .instance_create = t_instance_create,
                     .instance_remove = t_instance_remove,
                     .instance_reset = t_instance_reset,
                     .list_resources = t_list_resources,
                     .resource_read = t_resource_read,
                     .resource_write = t_resource_write,
                     .resource_execute = t_resource_execute,
                     .resource_reset = t_resource_reset,
                     .list_resource_instances = t_list_resource_instances,
                     .transaction_begin = t_begin,
                     .transaction_validate = t_validate,
                     .transaction_commit = t_commit,
                     .transaction_rollback = t_rollback}};

/* TEST_DEF plus the attribute handlers; filled in once at start-up. */
static anjay_dm_object_def_t g_def_own_attrs;

static void init_def_own_attrs(void) {
    g_def_own_attrs = TEST_DEF;
    anjay_dm_handlers_t *h = &g_def_own_attrs.handlers;
    h->object_read_default_attrs = t_object_read_attrs;
    h->object_write_default_attrs = t_object_write_attrs;
    h->instance_read_default_attrs = t_instance_read_attrs;
    h->instance_write_default_attrs = t_instance_write_attrs;
    h->resource_read_attrs = t_resource_read_attrs;
    h->resource_write_attrs = t_resource_write_attrs;
    h->resource_instance_read_attrs = t_resource_instance_read_attrs;
    h->resource_instance_write_attrs = t_resource_instance_write_attrs;
}

/* ---- the client ---------------------------------------------------------- */

static avs_crypto_prng_ctx_t *g_prng;
/* DM_FUZZ_TRACE set: each request and its outcome go to stderr, to see
 * what a corpus file does. */
static bool g_trace;

static int hook_disable(anjay_t *anjay, anjay_ssid_t ssid,
                        avs_time_duration_t timeout, void *arg) {
    (void) anjay;
    (void) arg;
    CONTRACT(avs_time_duration_valid(timeout));
    return ssid == 2 ? -1 : 0;
}

static int hook_trigger(anjay_t *anjay, anjay_ssid_t ssid, void *arg) {
    (void) anjay;
    (void) arg;
    return ssid == 2 ? ANJAY_ERR_SERVICE_UNAVAILABLE : 0;
}

static void read_back(anjay_t *anjay, const tern_io_path_t *path,
                      anjay_ssid_t ssid) {
    tern_dm_request_t req;
    memset(&req, 0, sizeof(req));
    req.op = TERN_DM_OP_READ;
    req.path = *path;
    req.ssid = ssid;
    req.lwm2m_version = ANJAY_LWM2M_VERSION_1_1;
    req.content_format = TERN_DM_FORMAT_NONE;
    req.accept = g_notify_format;
    uint8_t buf[256];
    tern_dm_response_t resp;
    (void) tern_dm_handle(anjay, &req, buf, sizeof(buf), &resp);
    CONTRACT(resp.payload_size <= sizeof(buf));
}

/* What an observer of a changed Resource would decide: effective
 * attributes, the value, the notification rules. */
static void evaluate_observation(anjay_t *anjay, const tern_io_path_t *path,
                                 anjay_ssid_t ssid) {
    anjay_dm_r_attributes_t attrs;
    if (tern_dm_effective_attrs(anjay, path, ssid, true, &attrs)) {
        return;
    }
    static const double LAST_VALUES[] = {0.0, -1e300, 7.5};
    tern_attr_observation_t obs;
    memset(&obs, 0, sizeof(obs));
    avs_time_monotonic_t now = avs_time_monotonic_now();
    obs.last_notify = avs_time_monotonic_add(
            now,
            avs_time_duration_from_scalar(-(int64_t) path->ids[2], AVS_TIME_S));
    obs.last_eval = AVS_TIME_MONOTONIC_INVALID;
    obs.last_numeric = path->ids[1] % 2 == 0;
    obs.last_value = LAST_VALUES[path->ids[2] % 3];
    double value;
    bool numeric = !tern_dm_read_double(anjay, path, &value);
    tern_attr_decision_t decision =
            tern_attr_decide(&attrs, &obs, true, numeric ? &value : NULL, now);
    (void) decision;
    if (numeric) {
        (void) tern_attr_value_condition(&attrs, obs.last_value, value);
    }
}

/* Stands in for the session layer: every changed value is read again, as
 * a notification would. */
static void on_changes(anjay_t *anjay, const tern_dm_change_t *changes,
                       size_t count, void *arg) {
    (void) arg;
    for (size_t i = 0; i < count; ++i) {
        const tern_dm_change_t *c = &changes[i];
        switch (c->kind) {
            case TERN_DM_CHANGE_VALUE:
                CONTRACT(c->path.len == 3 || c->path.len == 4);
                /* Only management servers observe. */
                read_back(anjay, &c->path,
                          c->ssid == ANJAY_SSID_ANY ||
                                          c->ssid == ANJAY_SSID_BOOTSTRAP
                                  ? 1
                                  : c->ssid);
                evaluate_observation(anjay, &c->path, 1);
                evaluate_observation(anjay, &c->path, 2);
                break;
            case TERN_DM_CHANGE_INSTANCES:
            case TERN_DM_CHANGE_OBJECTS:
                CONTRACT(c->path.len == 1);
                break;
            case TERN_DM_CHANGE_ATTRIBUTES:
                CONTRACT(c->path.len <= 4);
                break;
            default:
                CONTRACT(!"unknown change kind");
        }
    }
}

static anjay_security_instance_t security_account(anjay_ssid_t ssid,
                                                  bool bootstrap) {
    static const char IDENTITY[] = "tern-fuzz";
    static const char KEY[] = "0123456789abcdef";
    anjay_security_instance_t sec;
    memset(&sec, 0, sizeof(sec));
    sec.ssid = ssid;
    sec.bootstrap_server = bootstrap;
    sec.server_uri =
            bootstrap ? "coap://127.0.0.1:5693" : "coaps://127.0.0.1:5684";
    sec.security_mode = bootstrap ? ANJAY_SECURITY_NOSEC : ANJAY_SECURITY_PSK;
    sec.public_cert_or_psk_identity = (const uint8_t *) IDENTITY;
    sec.public_cert_or_psk_identity_size = bootstrap ? 0 : strlen(IDENTITY);
    sec.private_cert_or_psk_key = (const uint8_t *) KEY;
    sec.private_cert_or_psk_key_size = bootstrap ? 0 : strlen(KEY);
    sec.client_holdoff_s = bootstrap ? 1 : -1;
    sec.bootstrap_timeout_s = -1;
    return sec;
}

static anjay_t *make_client(unsigned chaos) {
    const anjay_configuration_t config = {.endpoint_name = "tern-fuzz",
                                          .prng_ctx = g_prng};
    anjay_t *anjay = anjay_new(&config);
    if (!anjay) {
        return NULL;
    }
    /* Only the data model is under test: without the session state the
     * scheduler runs nothing but change delivery, and opens no sockets. */
    tern_session_cleanup(anjay);
    const tern_session_hooks_t hooks = {
            .disable_server = hook_disable,
            .registration_update_trigger = hook_trigger,
            .bootstrap_request_trigger = hook_trigger};
    tern_session_hooks_set(anjay, &hooks);
    tern_dm_set_changes_handler(anjay, on_changes, NULL);

    memset(&g_obj, 0, sizeof(g_obj));
    g_obj.def = (chaos & CHAOS_OWN_ATTRS) ? &g_def_own_attrs : &TEST_DEF;
    g_obj.chaos = chaos;
    (void) add_inst(0);
    (void) add_inst(3);
    if (anjay_security_object_install(anjay) ||
        anjay_server_object_install(anjay) ||
        anjay_register_object(anjay, &g_obj.def)) {
        abort();
    }
    anjay_security_instance_t bs = security_account(0, true);
    anjay_security_instance_t s1 = security_account(1, false);
    anjay_security_instance_t s2 = security_account(2, false);
    anjay_iid_t iid = ANJAY_ID_INVALID;
    if (anjay_security_object_add_instance(anjay, &bs, &iid)) {
        abort();
    }
    iid = ANJAY_ID_INVALID;
    if (anjay_security_object_add_instance(anjay, &s1, &iid)) {
        abort();
    }
    iid = 9;
    if (anjay_security_object_add_instance(anjay, &s2, &iid)) {
        abort();
    }

    const uint32_t retry_count = 3;
    const bool no_bootstrap = false;
    anjay_server_instance_t srv;
    memset(&srv, 0, sizeof(srv));
    srv.ssid = 1;
    srv.lifetime = 86400;
    srv.default_min_period = 1;
    srv.default_max_period = 60;
    srv.disable_timeout = 30;
    srv.binding = "U";
    srv.notification_storing = true;
    iid = ANJAY_ID_INVALID;
    if (anjay_server_object_add_instance(anjay, &srv, &iid)) {
        abort();
    }
    memset(&srv, 0, sizeof(srv));
    srv.ssid = 2;
    srv.lifetime = 60;
    srv.default_min_period = -1;
    srv.default_max_period = -1;
    srv.disable_timeout = -1;
    srv.binding = "UQ";
    srv.preferred_transport = 'U';
    srv.communication_retry_count = &retry_count;
    srv.bootstrap_on_registration_failure = &no_bootstrap;
    iid = 4;
    if (anjay_server_object_add_instance(anjay, &srv, &iid)) {
        abort();
    }
    /* Registering the Objects queued changes; start from a clean slate. */
    anjay_sched_run(anjay);
    return anjay;
}

/* ---- requests ------------------------------------------------------------ */

typedef struct {
    tern_dm_request_t req;
    tern_io_str_t query[MAX_QUERIES];
    void *query_mem[MAX_QUERIES];
    void *payload;
    size_t out_size;
} request_t;

static size_t pick_out_size(unsigned choice, reader_t *r) {
    static const size_t SIZES[] = {512, 16, 1, 0, 64, 1024, 0, 4096};
    return choice == 6 ? take_u8(r) : SIZES[choice];
}

/* Returns false when the input names no data model operation. */
static bool parse_request(reader_t *r, request_t *out) {
    memset(out, 0, sizeof(*out));
    tern_dm_request_t *req = &out->req;
    uint8_t op = take_u8(r);
    uint8_t shape = take_u8(r);
    req->path.len = (uint8_t) ((shape & 7) % 5);
    for (uint8_t i = 0; i < req->path.len; ++i) {
        req->path.ids[i] = take_id(r);
    }
    for (uint8_t i = req->path.len; i < TERN_IO_PATH_MAX_LEN; ++i) {
        req->path.ids[i] = TERN_IO_ID_INVALID;
    }
    req->ssid = pick_ssid((shape >> 3) & 7, r);
    req->content_format = take_format(r);
    req->accept = take_format(r);
    uint8_t flags = take_u8(r);
    req->lwm2m_version =
            (flags & 1) ? ANJAY_LWM2M_VERSION_1_0 : ANJAY_LWM2M_VERSION_1_1;
    switch ((flags >> 1) & 3) {
        case 1:
            req->payload_offset = (size_t) take_u8(r) * 8;
            break;
        case 2:
            req->payload_offset = take_u16(r);
            break;
        case 3:
            req->payload_offset = SIZE_MAX - take_u8(r);
            break;
        default:
            break;
    }
    switch ((flags >> 3) & 3) {
        case 1:
            req->max_payload_size = take_u8(r);
            break;
        case 2:
            req->max_payload_size = (size_t) take_u8(r) * 64;
            break;
        case 3:
            req->max_payload_size = take_u16(r);
            break;
        default:
            break;
    }
    out->out_size = pick_out_size((flags >> 5) & 7, r);
    size_t queries = take_u8(r) % (MAX_QUERIES + 1);
    for (size_t i = 0; i < queries; ++i) {
        size_t len = take_u8(r) % 48;
        if (len > r->size) {
            len = r->size;
        }
        out->query_mem[i] = copy_exact(r, len);
        out->query[i].data = (const char *) out->query_mem[i];
        out->query[i].len = len;
    }
    req->query = queries ? out->query : NULL;
    req->query_count = queries;
    size_t payload_len = take_u16(r);
    if (payload_len > r->size) {
        payload_len = r->size;
    }
    out->payload = copy_exact(r, payload_len);
    /* An empty payload arrives as NULL sometimes, as the header allows. */
    req->payload = payload_len || (op & 0x40) ? out->payload : NULL;
    req->payload_size = payload_len;
    if (op & 0x80) {
        return !tern_dm_op_from_coap(
                (uint8_t) (op & 7), &req->path, req->accept,
                req->content_format != TERN_DM_FORMAT_NONE, &req->op);
    }
    req->op = (tern_dm_op_t) (op % 11);
    return true;
}

static void free_request(request_t *request) {
    for (size_t i = 0; i < MAX_QUERIES; ++i) {
        free(request->query_mem[i]);
    }
    free(request->payload);
}

static bool is_success(uint8_t code) {
    return code >> 5 == 2;
}

/* A complete Read response must decode in the format it claims. */
static void check_payload(const tern_dm_request_t *req,
                          const tern_dm_response_t *resp, const void *buf) {
    if (req->op != TERN_DM_OP_READ || req->payload_offset ||
        resp->payload_size != resp->payload_total_size ||
        !tern_io_dec_supports(resp->content_format)) {
        return;
    }
    tern_io_dec_t dec;
    int status =
            tern_io_dec_init(&dec, resp->content_format, &req->path,
                             resp->payload_size ? buf : "", resp->payload_size);
    tern_io_path_t path;
    tern_io_value_t value;
    while (!status && !(status = tern_io_dec_next(&dec, &path, &value))) {
        CONTRACT(tern_io_path_is_prefix(&req->path, &path) ||
                 resp->content_format == TERN_IO_FMT_LWM2M_CBOR);
    }
    tern_io_dec_cleanup(&dec);
    if (status != TERN_IO_END) {
        fprintf(stderr, "Read answer in format %u does not decode: %d\n",
                (unsigned) resp->content_format, status);
        abort();
    }
}

static bool modifies(const tern_dm_request_t *req) {
    switch (req->op) {
        case TERN_DM_OP_WRITE_REPLACE:
        case TERN_DM_OP_WRITE_UPDATE:
        case TERN_DM_OP_CREATE:
        case TERN_DM_OP_DELETE:
        case TERN_DM_OP_WRITE_COMPOSITE:
            return true;
        default:
            return false;
    }
}

static void run_request(anjay_t *anjay, request_t *request) {
    const tern_dm_request_t *req = &request->req;
    /* A modifying request that fails must leave the test Object as it
     * was: that is what the transaction is for. */
    static inst_t before[T_MAX_INST];
    size_t before_count = g_obj.count;
    memcpy(before, g_obj.inst, sizeof(before));
    uint8_t *out =
            (uint8_t *) malloc(request->out_size ? request->out_size : 1);
    if (!out) {
        abort();
    }
    tern_dm_response_t resp;
    memset(&resp, 0xA5, sizeof(resp));
    int result = tern_dm_handle(anjay, req, out, request->out_size, &resp);
    if (g_trace) {
        char path[TERN_IO_PATH_STR_SIZE];
        if (tern_io_path_format(&req->path, path, sizeof(path)) < 0) {
            snprintf(path, sizeof(path), "(invalid)");
        }
        fprintf(stderr, "op %d %s ssid %u cf %u accept %u -> %u.%02u %zu/%zu\n",
                (int) req->op, path, (unsigned) req->ssid,
                (unsigned) req->content_format, (unsigned) req->accept,
                (unsigned) (resp.code >> 5), (unsigned) (resp.code & 0x1F),
                resp.payload_size, resp.payload_total_size);
    }
    CONTRACT(result == (is_success(resp.code) ? 0 : -(int) resp.code));
    CONTRACT(resp.code >= ANJAY_COAP_STATUS(2, 0) &&
             resp.code < ANJAY_COAP_STATUS(6, 0));
    CONTRACT(resp.payload_size <= request->out_size);
    CONTRACT(!resp.payload_size ||
             (req->payload_offset < resp.payload_total_size &&
              resp.payload_size <=
                      resp.payload_total_size - req->payload_offset));
    CONTRACT(!result || (!resp.payload_size && !resp.payload_total_size &&
                         resp.content_format == TERN_DM_FORMAT_NONE));
    CONTRACT(req->max_payload_size == 0 ||
             resp.payload_total_size <= req->max_payload_size);
    if (!result && req->op == TERN_DM_OP_CREATE &&
        req->ssid != ANJAY_SSID_BOOTSTRAP) {
        CONTRACT(resp.location.len == 2 &&
                 resp.location.ids[TERN_IO_OID] == req->path.ids[TERN_IO_OID] &&
                 resp.location.ids[TERN_IO_IID] != ANJAY_ID_INVALID);
    }
    if (!result) {
        check_payload(req, &resp, out);
    }
    CONTRACT(!g_obj.in_transaction);
    CONTRACT(anjay->transaction.depth == 0);
    if (result && modifies(req)) {
        CONTRACT(g_obj.count == before_count &&
                 !memcmp(g_obj.inst, before, sizeof(before)));
    }
    free(out);
    anjay_sched_run(anjay);
}

static void discard_log(avs_log_level_t level, const char *module,
                        const char *message) {
    (void) level;
    (void) module;
    (void) message;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void) argc;
    (void) argv;
    /* Messages are still formatted (catching bad arguments) but not
     * printed: printing would dominate the run time. */
    g_trace = getenv("DM_FUZZ_TRACE") != NULL;
    if (!g_trace) {
        avs_log_set_handler(discard_log);
    }
    avs_log_set_default_level(g_trace ? AVS_LOG_DEBUG : AVS_LOG_TRACE);
    if (!(g_prng = avs_crypto_prng_new(NULL, NULL))) {
        abort();
    }
    init_def_own_attrs();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    reader_t r = {data, size};
    g_notify_format = take_format(&r);
    anjay_t *anjay = make_client(take_u8(&r));
    if (!anjay) {
        abort();
    }
    for (int n = 0; n < MAX_REQUESTS && r.size; ++n) {
        request_t request;
        if (parse_request(&r, &request)) {
            run_request(anjay, &request);
        }
        free_request(&request);
    }
    anjay_delete(anjay);
    return 0;
}
