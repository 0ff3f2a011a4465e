/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "coap_ctx.h"

/* Block-wise responses served at once; the oldest goes when another
 * arrives. Each holds a copy of one response payload. */
#define BLOCK_STORE_MAX_ENTRIES 4
/* An 8-byte ETag with its header, and a byte of slack for the delta of the
 * option after it. */
#define ETAG_OPTION_ROOM 12

void coap_block_etag(const uint8_t *payload, size_t size, uint8_t out[8]) {
    /* FNV-1a: the same payload gives the same ETag even when the handler
     * regenerates it for a later block. */
    uint64_t hash = 14695981039346656037ull;
    for (size_t i = 0; i < size; ++i) {
        hash = (hash ^ payload[i]) * 1099511628211ull;
    }
    for (size_t i = 0; i < 8; ++i) {
        out[i] = (uint8_t) (hash >> (56 - 8 * i));
    }
}

static avs_time_monotonic_t expiry(tern_coap_ctx_t *ctx) {
    return avs_time_monotonic_add(avs_time_monotonic_now(),
                                  ctx->exchange_lifetime);
}

static void drop_expired(tern_coap_ctx_t *ctx) {
    avs_time_monotonic_t now = avs_time_monotonic_now();
    AVS_LIST(coap_block_entry_t) * entry_ptr;
    AVS_LIST(coap_block_entry_t) next;
    AVS_LIST_DELETABLE_FOREACH_PTR(entry_ptr, next, &ctx->block_store) {
        if (!avs_time_monotonic_before(now, (*entry_ptr)->expires)) {
            AVS_LIST_DELETE(entry_ptr);
        }
    }
}

coap_block_entry_t *coap_block_store_find(tern_coap_ctx_t *ctx,
                                          const uint8_t *key, size_t key_size,
                                          uint8_t code) {
    drop_expired(ctx);
    coap_block_entry_t *entry;
    AVS_LIST_FOREACH(entry, ctx->block_store) {
        if (entry->code_of_request == code && entry->key_size == key_size &&
            (!key_size || !memcmp(entry->key, key, key_size))) {
            entry->expires = expiry(ctx);
            return entry;
        }
    }
    return NULL;
}

void coap_block_store_drop(tern_coap_ctx_t *ctx, coap_block_entry_t *entry) {
    AVS_LIST(coap_block_entry_t) *ptr = (AVS_LIST(
            coap_block_entry_t) *) AVS_LIST_FIND_PTR(&ctx->block_store, entry);
    if (ptr) {
        AVS_LIST_DELETE(ptr);
    }
}

void coap_block_store_put(tern_coap_ctx_t *ctx, const uint8_t *key,
                          size_t key_size, uint8_t code,
                          const tern_coap_msg_t *response,
                          const uint8_t *etag) {
    coap_block_entry_t *old = coap_block_store_find(ctx, key, key_size, code);
    if (old) {
        coap_block_store_drop(ctx, old);
    }
    while (AVS_LIST_SIZE(ctx->block_store) >= BLOCK_STORE_MAX_ENTRIES) {
        AVS_LIST_DELETE(&ctx->block_store);
    }
    coap_block_entry_t *entry = (coap_block_entry_t *) AVS_LIST_NEW_BUFFER(
            sizeof(coap_block_entry_t) + key_size + response->options_size +
            ETAG_OPTION_ROOM + response->payload_size);
    if (!entry) {
        /* Later blocks are then produced by the request handler again. */
        avs_log(coap, WARNING,
                "out of memory for a %u-byte block-wise "
                "response copy",
                (unsigned) response->payload_size);
        return;
    }
    uint8_t *pos = (uint8_t *) (entry + 1);
    entry->key = pos;
    entry->key_size = key_size;
    if (key_size) {
        memcpy(pos, key, key_size);
    }
    pos += key_size;
    entry->code_of_request = code;
    entry->code = response->code;
    entry->opts = pos;
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, pos, response->options_size + ETAG_OPTION_ROOM);
    if (response->options_size) {
        memcpy(pos, response->options, response->options_size);
        opts.size = response->options_size;
    }
    if (etag) {
        tern_coap_opts_add_opaque(&opts, TERN_COAP_OPT_ETAG, etag, 8);
    }
    entry->opts_size = opts.size;
    pos += response->options_size + ETAG_OPTION_ROOM;
    entry->payload = pos;
    entry->payload_size = response->payload_size;
    memcpy(pos, response->payload, response->payload_size);
    entry->expires = expiry(ctx);
    AVS_LIST_APPEND(&ctx->block_store, entry);
}

static void assembly_free(tern_coap_ctx_t *ctx) {
    if (ctx->assembly) {
        avs_free(ctx->assembly->data);
        avs_free(ctx->assembly);
        ctx->assembly = NULL;
    }
}

void coap_block_cleanup(tern_coap_ctx_t *ctx) {
    AVS_LIST_CLEAR(&ctx->block_store);
    assembly_free(ctx);
}

void coap_block1_done(tern_coap_ctx_t *ctx) {
    if (ctx->assembly && ctx->assembly->complete) {
        assembly_free(ctx);
    }
}

static void respond_code(tern_coap_ctx_t *ctx, coap_req_info_t *req,
                         uint8_t code, uint32_t size1) {
    uint8_t buf[8];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, buf, sizeof(buf));
    if (size1) {
        tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_SIZE1, size1);
    }
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = code;
    tern_coap_msg_set_opts(&msg, &opts);
    coap_server_respond(ctx, req, &msg, true);
}

static int refuse(tern_coap_ctx_t *ctx, coap_req_info_t *req, uint8_t code,
                  uint32_t size1, const char *why) {
    avs_log(coap, WARNING, "block-wise request refused with %u.%02u: %s",
            TERN_COAP_CODE_CLASS(code), TERN_COAP_CODE_DETAIL(code), why);
    respond_code(ctx, req, code, size1);
    return -1;
}

static int assembly_start(tern_coap_ctx_t *ctx, const coap_req_info_t *req) {
    assembly_free(ctx);
    coap_assembly_t *assembly = (coap_assembly_t *) avs_calloc(
            1, sizeof(*assembly) + req->key_size);
    if (!assembly) {
        return -1;
    }
    assembly->key = (uint8_t *) (assembly + 1);
    assembly->key_size = req->key_size;
    if (req->key_size) {
        memcpy(assembly->key, req->key, req->key_size);
    }
    ctx->assembly = assembly;
    return 0;
}

static int assembly_append(coap_assembly_t *assembly, const uint8_t *data,
                           size_t size, size_t limit) {
    if (assembly->size + size > assembly->capacity) {
        size_t capacity = assembly->capacity ? assembly->capacity : 1024;
        while (capacity < assembly->size + size) {
            capacity *= 2;
        }
        if (capacity > limit) {
            capacity = limit;
        }
        uint8_t *grown = (uint8_t *) avs_realloc(assembly->data, capacity);
        if (!grown) {
            return -1;
        }
        assembly->data = grown;
        assembly->capacity = capacity;
    }
    if (size) {
        memcpy(assembly->data + assembly->size, data, size);
    }
    assembly->size += size;
    return 0;
}

int coap_block1_receive(tern_coap_ctx_t *ctx, coap_req_info_t *req,
                        const tern_coap_msg_t *msg, tern_coap_msg_t *out_msg) {
    tern_coap_block_t block = req->block1;
    bool bert = tern_coap_block_is_bert(&block);
    size_t bs = tern_coap_block_size(block.szx);
    size_t offset = (size_t) block.num * bs;
    size_t size = msg->payload_size;
    uint32_t max = ctx->max_reassembly > UINT32_MAX
                           ? UINT32_MAX
                           : (uint32_t) ctx->max_reassembly;

    if (offset == 0 && !block.more) {
        /* The whole request in one block: nothing to put together. */
        *out_msg = *msg;
        return 1;
    }
    if (block.more ? (bert ? (size == 0 || size % bs) : size != bs)
                   : (!bert && size > bs)) {
        return refuse(ctx, req, TERN_COAP_CODE_BAD_REQUEST, 0,
                      "block length does not match its size");
    }
    uint32_t announced;
    if (offset == 0 &&
        !tern_coap_msg_get_uint(msg, TERN_COAP_OPT_SIZE1, &announced) &&
        announced > max) {
        return refuse(ctx, req, TERN_COAP_CODE_REQUEST_ENTITY_TOO_LARGE, max,
                      "announced size too large");
    }
    coap_assembly_t *assembly = ctx->assembly;
    if (assembly && !avs_time_monotonic_before(avs_time_monotonic_now(),
                                               assembly->expires)) {
        assembly_free(ctx);
        assembly = NULL;
    }
    if (offset == 0) {
        if (assembly_start(ctx, req)) {
            return refuse(ctx, req, TERN_COAP_CODE_INTERNAL_SERVER_ERROR, 0,
                          "out of memory");
        }
        assembly = ctx->assembly;
    } else if (!assembly || assembly->complete ||
               assembly->key_size != req->key_size ||
               (req->key_size &&
                memcmp(assembly->key, req->key, req->key_size)) ||
               assembly->size != offset) {
        return refuse(ctx, req, TERN_COAP_CODE_REQUEST_ENTITY_INCOMPLETE, 0,
                      "block out of sequence");
    }
    if (assembly->size + size > max) {
        assembly_free(ctx);
        return refuse(ctx, req, TERN_COAP_CODE_REQUEST_ENTITY_TOO_LARGE, max,
                      "request larger than the reassembly limit");
    }
    if (assembly_append(assembly, msg->payload, size, max)) {
        assembly_free(ctx);
        return refuse(ctx, req, TERN_COAP_CODE_INTERNAL_SERVER_ERROR, 0,
                      "out of memory");
    }
    assembly->expires = avs_time_monotonic_add(avs_time_monotonic_now(),
                                               ctx->exchange_lifetime);
    if (block.more) {
        respond_code(ctx, req, TERN_COAP_CODE_CONTINUE, 0);
        return 0;
    }
    assembly->complete = true;
    *out_msg = *msg;
    out_msg->payload = assembly->data;
    out_msg->payload_size = assembly->size;
    return 1;
}
