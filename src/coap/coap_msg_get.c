/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "coap_opt.h"

bool tern_coap_token_equal(const tern_coap_token_t *a,
                           const tern_coap_token_t *b) {
    return a->size == b->size && !memcmp(a->bytes, b->bytes, a->size);
}

tern_coap_opt_iter_t tern_coap_opt_iter(const tern_coap_msg_t *msg) {
    tern_coap_opt_iter_t it;
    memset(&it, 0, sizeof(it));
    it.pos_ = msg->options;
    it.end_ = msg->options ? msg->options + msg->options_size : NULL;
    return it;
}

bool tern_coap_opt_next(tern_coap_opt_iter_t *it) {
    uint32_t delta;
    size_t size;
    size_t header_size;
    if (!it->pos_ || it->pos_ >= it->end_ ||
        coap_opt_header_read(it->pos_, it->end_, &delta, &size, &header_size) ||
        (size_t) (it->end_ - it->pos_) < header_size + size ||
        it->number + delta > UINT16_MAX) {
        it->pos_ = it->end_;
        return false;
    }
    it->number = (uint16_t) (it->number + delta);
    it->value = it->pos_ + header_size;
    it->size = size;
    it->pos_ += header_size + size;
    return true;
}

int tern_coap_msg_find_opt(const tern_coap_msg_t *msg, uint16_t number,
                           const uint8_t **out_value, size_t *out_size) {
    tern_coap_opt_iter_t it = tern_coap_opt_iter(msg);
    while (tern_coap_opt_next(&it)) {
        if (it.number == number) {
            if (out_value) {
                *out_value = it.value;
            }
            if (out_size) {
                *out_size = it.size;
            }
            return 0;
        }
        if (it.number > number) {
            break;
        }
    }
    return TERN_COAP_ERR_NOT_FOUND;
}

bool tern_coap_msg_has_opt(const tern_coap_msg_t *msg, uint16_t number) {
    return !tern_coap_msg_find_opt(msg, number, NULL, NULL);
}

int tern_coap_uint_decode(const uint8_t *value, size_t size, uint32_t *out) {
    if (size > 4) {
        return TERN_COAP_ERR_OPTION_LENGTH;
    }
    uint32_t result = 0;
    for (size_t i = 0; i < size; ++i) {
        result = (result << 8) | value[i];
    }
    *out = result;
    return 0;
}

int tern_coap_msg_get_uint(const tern_coap_msg_t *msg, uint16_t number,
                           uint32_t *out) {
    const uint8_t *value;
    size_t size;
    int result = tern_coap_msg_find_opt(msg, number, &value, &size);
    if (result) {
        return result;
    }
    return tern_coap_uint_decode(value, size, out);
}

int tern_coap_opt_string(const tern_coap_opt_iter_t *it, char *buf,
                         size_t buf_size) {
    if (it->size >= buf_size) {
        return TERN_COAP_ERR_NO_SPACE;
    }
    if (it->size) {
        memcpy(buf, it->value, it->size);
    }
    buf[it->size] = '\0';
    return 0;
}

int tern_coap_msg_get_string(const tern_coap_msg_t *msg, uint16_t number,
                             char *buf, size_t buf_size) {
    tern_coap_opt_iter_t it = tern_coap_opt_iter(msg);
    while (tern_coap_opt_next(&it)) {
        if (it.number == number) {
            return tern_coap_opt_string(&it, buf, buf_size);
        }
    }
    return TERN_COAP_ERR_NOT_FOUND;
}

int tern_coap_msg_get_format(const tern_coap_msg_t *msg, uint16_t number,
                             uint16_t *out_format) {
    uint32_t value;
    int result = tern_coap_msg_get_uint(msg, number, &value);
    if (result == TERN_COAP_ERR_NOT_FOUND) {
        *out_format = TERN_COAP_FORMAT_NONE;
        return 0;
    }
    if (!result && value >= TERN_COAP_FORMAT_NONE) {
        result = TERN_COAP_ERR_OPTION_LENGTH;
    }
    if (!result) {
        *out_format = (uint16_t) value;
    }
    return result;
}

int tern_coap_msg_get_block(const tern_coap_msg_t *msg, uint16_t number,
                            bool allow_bert, tern_coap_block_t *out) {
    const uint8_t *value;
    size_t size;
    int result = tern_coap_msg_find_opt(msg, number, &value, &size);
    if (result) {
        return result;
    }
    return tern_coap_block_decode(value, size, allow_bert, out);
}
