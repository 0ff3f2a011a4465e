/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "obj_utils.h"
#include "security_object.h"

#define sec_log(Level, ...) avs_log(anjay, Level, __VA_ARGS__)

#define BIT(Rid) (1u << (Rid))

typedef enum { SCHEME_UNKNOWN, SCHEME_UDP, SCHEME_TCP } scheme_t;

static scheme_t uri_scheme(const char *uri, bool *out_secure) {
    static const struct {
        const char *prefix;
        scheme_t scheme;
        bool secure;
    } SCHEMES[] = {{"coap://", SCHEME_UDP, false},
                   {"coaps://", SCHEME_UDP, true},
                   {"coap+tcp://", SCHEME_TCP, false},
                   {"coaps+tcp://", SCHEME_TCP, true}};
    for (size_t i = 0; i < AVS_ARRAY_SIZE(SCHEMES); ++i) {
        size_t len = strlen(SCHEMES[i].prefix);
        if (!strncmp(uri, SCHEMES[i].prefix, len)) {
            *out_secure = SCHEMES[i].secure;
            return SCHEMES[i].scheme;
        }
    }
    return SCHEME_UNKNOWN;
}

int tern_sec_instance_validate(const tern_sec_instance_t *inst) {
    unsigned iid = inst->iid;
    uint32_t required =
            BIT(TERN_SEC_URI) | BIT(TERN_SEC_BOOTSTRAP) | BIT(TERN_SEC_MODE);
    if ((inst->present & required) != required || !inst->uri) {
        sec_log(WARNING,
                "/0/%u lacks the Server URI, Bootstrap-Server or "
                "Security Mode Resource",
                iid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    if (!inst->bootstrap && !(inst->present & BIT(TERN_SEC_SSID))) {
        sec_log(WARNING, "/0/%u lacks the Short Server ID Resource", iid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    bool secure = false;
    if (uri_scheme(inst->uri, &secure) == SCHEME_UNKNOWN) {
        sec_log(WARNING, "/0/%u: unsupported Server URI \"%s\"", iid,
                inst->uri);
        return ANJAY_ERR_BAD_REQUEST;
    }
    if (secure != (inst->mode != ANJAY_SECURITY_NOSEC)) {
        sec_log(WARNING,
                "/0/%u: URI scheme of \"%s\" does not fit Security "
                "Mode %ld",
                iid, inst->uri, (long) inst->mode);
        return ANJAY_ERR_BAD_REQUEST;
    }
    if ((inst->mode == ANJAY_SECURITY_PSK || inst->mode == ANJAY_SECURITY_RPK ||
         inst->mode == ANJAY_SECURITY_CERTIFICATE) &&
        (!inst->pk_or_identity_size || !inst->secret_key_size)) {
        sec_log(WARNING,
                "/0/%u: credentials of Security Mode %ld are not "
                "configured",
                iid, (long) inst->mode);
        return ANJAY_ERR_BAD_REQUEST;
    }
    if (inst->matching_type == 2) {
        sec_log(WARNING, "/0/%u: SHA-384 Matching Type is not supported", iid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    return 0;
}

int tern_sec_object_validate(const tern_sec_object_t *obj) {
    bool have_bootstrap = false;
    for (size_t i = 0; i < obj->count; ++i) {
        const tern_sec_instance_t *inst = &obj->instances[i];
        int result = tern_sec_instance_validate(inst);
        if (result) {
            return result;
        }
        if (inst->bootstrap) {
            if (have_bootstrap) {
                sec_log(WARNING, "more than one Bootstrap-Server account");
                return ANJAY_ERR_BAD_REQUEST;
            }
            have_bootstrap = true;
            continue;
        }
        bool secure;
        scheme_t scheme = uri_scheme(inst->uri, &secure);
        /* One account per server and transport. */
        for (size_t j = 0; j < i; ++j) {
            const tern_sec_instance_t *other = &obj->instances[j];
            if (!other->bootstrap && other->ssid == inst->ssid &&
                uri_scheme(other->uri, &secure) == scheme) {
                sec_log(WARNING, "/0/%u and /0/%u share Short Server ID %ld",
                        (unsigned) other->iid, (unsigned) inst->iid,
                        (long) inst->ssid);
                return ANJAY_ERR_BAD_REQUEST;
            }
        }
    }
    return 0;
}

static int copy_public(const anjay_security_instance_t *src,
                       tern_sec_instance_t *dst) {
    dst->present = BIT(TERN_SEC_URI) | BIT(TERN_SEC_BOOTSTRAP) |
                   BIT(TERN_SEC_MODE) | BIT(TERN_SEC_PK_OR_IDENTITY) |
                   BIT(TERN_SEC_SERVER_PK) | BIT(TERN_SEC_SECRET_KEY) |
                   BIT(TERN_SEC_CIPHERSUITE);
    dst->bootstrap = src->bootstrap_server;
    dst->mode = (int32_t) src->security_mode;
    if (!src->bootstrap_server) {
        dst->ssid = src->ssid;
        dst->present |= BIT(TERN_SEC_SSID);
    }
    if ((dst->holdoff_s = src->client_holdoff_s) >= 0) {
        dst->present |= BIT(TERN_SEC_HOLDOFF);
    }
    if ((dst->bs_timeout_s = src->bootstrap_timeout_s) >= 0) {
        dst->present |= BIT(TERN_SEC_BS_TIMEOUT);
    }
    if (src->matching_type) {
        dst->matching_type = *src->matching_type;
        dst->present |= BIT(TERN_SEC_MATCHING_TYPE);
    }
    if (src->certificate_usage) {
        dst->cert_usage = *src->certificate_usage;
        dst->present |= BIT(TERN_SEC_CERT_USAGE);
    }
    if (src->server_name_indication) {
        dst->present |= BIT(TERN_SEC_SNI);
    }
    if (tern_obj_dup_string(src->server_uri, &dst->uri) ||
        tern_obj_dup_string(src->server_name_indication, &dst->sni) ||
        tern_obj_dup_bytes(src->public_cert_or_psk_identity,
                           src->public_cert_or_psk_identity_size,
                           &dst->pk_or_identity) ||
        tern_obj_dup_bytes(src->server_public_key, src->server_public_key_size,
                           &dst->server_pk) ||
        tern_obj_dup_bytes(src->private_cert_or_psk_key,
                           src->private_cert_or_psk_key_size,
                           &dst->secret_key)) {
        return -1;
    }
    dst->pk_or_identity_size = src->public_cert_or_psk_identity_size;
    dst->server_pk_size = src->server_public_key_size;
    dst->secret_key_size = src->private_cert_or_psk_key_size;
    if (src->ciphersuites.num_ids) {
        size_t n = src->ciphersuites.num_ids;
        if (!(dst->suites = (uint32_t *) avs_calloc(n, sizeof(uint32_t))) ||
            !(dst->suite_riids =
                      (anjay_riid_t *) avs_calloc(n, sizeof(anjay_riid_t)))) {
            sec_log(ERROR, "out of memory copying cipher suites");
            return -1;
        }
        for (size_t i = 0; i < n; ++i) {
            dst->suites[i] = src->ciphersuites.ids[i];
            dst->suite_riids[i] = (anjay_riid_t) i;
        }
        dst->suite_count = n;
    }
    return 0;
}

static bool iid_taken(const tern_sec_object_t *obj, anjay_iid_t iid) {
    for (size_t i = 0; i < obj->count; ++i) {
        if (obj->instances[i].iid == iid) {
            return true;
        }
    }
    return false;
}

int anjay_security_object_add_instance(
        anjay_t *anjay, const anjay_security_instance_t *instance,
        anjay_iid_t *inout_iid) {
    tern_sec_object_t *obj = tern_sec_object_get(anjay);
    if (!obj || !instance || !inout_iid) {
        return -1;
    }
    if (!instance->server_uri) {
        sec_log(ERROR, "Security Instance without a Server URI");
        return -1;
    }
    anjay_iid_t iid = *inout_iid;
    if (iid == ANJAY_ID_INVALID) {
        for (iid = 0; iid < ANJAY_ID_INVALID && iid_taken(obj, iid); ++iid) {
        }
        if (iid == ANJAY_ID_INVALID) {
            sec_log(ERROR, "no free Security Instance ID");
            return -1;
        }
    } else if (iid_taken(obj, iid)) {
        sec_log(ERROR, "Security Instance /0/%u exists already",
                (unsigned) iid);
        return -1;
    }
    tern_sec_instance_t inst;
    memset(&inst, 0, sizeof(inst));
    inst.iid = iid;
    tern_sec_instance_free(&inst);
    if (copy_public(instance, &inst)) {
        tern_sec_instance_free(&inst);
        return -1;
    }
    int result = tern_sec_instance_validate(&inst);
    if (!result && tern_sec_object_insert(obj, &inst)) {
        result = -1;
    }
    if (!result && (result = tern_sec_object_validate(obj))) {
        /* Undo: the new Instance conflicts with an existing one. */
        tern_sec_instance_t *slot = NULL;
        for (size_t i = 0; i < obj->count; ++i) {
            if (obj->instances[i].iid == iid) {
                slot = &obj->instances[i];
            }
        }
        if (slot) {
            size_t index = (size_t) (slot - obj->instances);
            memmove(slot, slot + 1, (obj->count - index - 1) * sizeof(*slot));
            --obj->count;
        }
    }
    if (result) {
        tern_sec_instance_free(&inst);
        return -1;
    }
    obj->modified = true;
    *inout_iid = iid;
    tern_io_path_t path = tern_io_path_object(ANJAY_DM_OID_SECURITY);
    (void) tern_dm_changes_record(anjay, TERN_DM_CHANGE_INSTANCES, &path,
                                  ANJAY_SSID_ANY);
    return 0;
}

void anjay_security_object_purge(anjay_t *anjay) {
    tern_sec_object_t *obj = tern_sec_object_get(anjay);
    if (!obj) {
        return;
    }
    if (obj->count) {
        obj->modified = true;
    }
    tern_sec_object_clear(obj);
    tern_io_path_t path = tern_io_path_object(ANJAY_DM_OID_SECURITY);
    (void) tern_dm_changes_record(anjay, TERN_DM_CHANGE_INSTANCES, &path,
                                  ANJAY_SSID_ANY);
}

bool anjay_security_object_is_modified(anjay_t *anjay) {
    tern_sec_object_t *obj = tern_sec_object_get(anjay);
    return obj && obj->modified;
}

avs_error_t anjay_security_object_persist(anjay_t *anjay,
                                          avs_stream_t *out_stream) {
    (void) anjay;
    (void) out_stream;
    sec_log(ERROR, "Security Object persistence needs avs_stream, which Tern "
                   "does not provide yet");
    return avs_errno(AVS_ENOTSUP);
}

avs_error_t anjay_security_object_restore(anjay_t *anjay,
                                          avs_stream_t *in_stream) {
    (void) anjay;
    (void) in_stream;
    sec_log(ERROR, "Security Object persistence needs avs_stream, which Tern "
                   "does not provide yet");
    return avs_errno(AVS_ENOTSUP);
}
