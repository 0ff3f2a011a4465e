/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_list.h>
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_socket_v_table.h>
#include <avsystem/commons/avs_utils.h>

#include <stdlib.h>

#include "coap_test_socket.h"

typedef struct {
    size_t size;
    size_t offset; /* stream: bytes already received */
    uint8_t data[];
} packet_t;

typedef struct test_socket {
    const avs_net_socket_v_table_t *operations;
    bool stream;
    struct test_socket *peer;
    AVS_LIST(packet_t) inbox;
    AVS_LIST(packet_t) outbox;
    bool (*drop)(void *arg, const uint8_t *data, size_t size);
    void *drop_arg;
    int mtu;
    size_t chunk;
    bool send_fails;
    bool eof;
    unsigned receives;
    avs_time_duration_t recv_timeout;
} test_socket_t;

static void queue(AVS_LIST(packet_t) * list, const void *data, size_t size) {
    packet_t *packet =
            (packet_t *) AVS_LIST_NEW_BUFFER(sizeof(packet_t) + size);
    if (!packet) {
        abort();
    }
    packet->size = size;
    if (size) {
        memcpy(packet->data, data, size);
    }
    AVS_LIST_APPEND(list, packet);
}

static avs_error_t ts_send(avs_net_socket_t *self, const void *buffer,
                           size_t length) {
    test_socket_t *s = (test_socket_t *) self;
    if (s->send_fails) {
        return avs_errno(AVS_EIO);
    }
    if (!s->stream && s->mtu > 0 && length > (size_t) s->mtu) {
        return avs_errno(AVS_EMSGSIZE);
    }
    if (s->drop && s->drop(s->drop_arg, (const uint8_t *) buffer, length)) {
        return AVS_OK;
    }
    queue(s->peer ? &s->peer->inbox : &s->outbox, buffer, length);
    return AVS_OK;
}

static avs_error_t ts_receive(avs_net_socket_t *self, size_t *out, void *buffer,
                              size_t length) {
    test_socket_t *s = (test_socket_t *) self;
    ++s->receives;
    *out = 0;
    if (!s->inbox) {
        return s->eof ? AVS_OK : avs_errno(AVS_ETIMEDOUT);
    }
    if (!s->stream) {
        packet_t *p = s->inbox;
        size_t n = p->size < length ? p->size : length;
        memcpy(buffer, p->data, n);
        *out = n;
        bool truncated = p->size > length;
        AVS_LIST_DELETE(&s->inbox);
        return truncated ? avs_errno(AVS_EMSGSIZE) : AVS_OK;
    }
    size_t limit = s->chunk && s->chunk < length ? s->chunk : length;
    size_t total = 0;
    while (s->inbox && total < limit) {
        packet_t *p = s->inbox;
        size_t n = p->size - p->offset;
        if (n > limit - total) {
            n = limit - total;
        }
        memcpy((uint8_t *) buffer + total, p->data + p->offset, n);
        total += n;
        p->offset += n;
        if (p->offset == p->size) {
            AVS_LIST_DELETE(&s->inbox);
        }
    }
    *out = total;
    return AVS_OK;
}

static avs_error_t ts_cleanup(avs_net_socket_t **self) {
    test_socket_t *s = (test_socket_t *) *self;
    if (s) {
        if (s->peer) {
            s->peer->peer = NULL;
        }
        AVS_LIST_CLEAR(&s->inbox);
        AVS_LIST_CLEAR(&s->outbox);
        avs_free(s);
        *self = NULL;
    }
    return AVS_OK;
}

static avs_error_t ts_close(avs_net_socket_t *self) {
    (void) self;
    return AVS_OK;
}

static avs_error_t ts_host(avs_net_socket_t *self, char *out, size_t size) {
    (void) self;
    return avs_simple_snprintf(out, size, "127.0.0.1") < 0
                   ? avs_errno(AVS_ERANGE)
                   : AVS_OK;
}

static avs_error_t ts_port(avs_net_socket_t *self, char *out, size_t size) {
    (void) self;
    return avs_simple_snprintf(out, size, "5683") < 0 ? avs_errno(AVS_ERANGE)
                                                      : AVS_OK;
}

static avs_error_t ts_get_opt(avs_net_socket_t *self,
                              avs_net_socket_opt_key_t key,
                              avs_net_socket_opt_value_t *out) {
    test_socket_t *s = (test_socket_t *) self;
    switch (key) {
        case AVS_NET_SOCKET_OPT_RECV_TIMEOUT:
            out->recv_timeout = s->recv_timeout;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_STATE:
            out->state = AVS_NET_SOCKET_STATE_CONNECTED;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_INNER_MTU:
            if (s->mtu <= 0) {
                return avs_errno(AVS_ENOTSUP);
            }
            out->mtu = s->mtu;
            return AVS_OK;
        case AVS_NET_SOCKET_HAS_BUFFERED_DATA:
            out->flag = s->stream && s->inbox;
            return AVS_OK;
        default:
            return avs_errno(AVS_ENOTSUP);
    }
}

static avs_error_t ts_set_opt(avs_net_socket_t *self,
                              avs_net_socket_opt_key_t key,
                              avs_net_socket_opt_value_t value) {
    test_socket_t *s = (test_socket_t *) self;
    if (key != AVS_NET_SOCKET_OPT_RECV_TIMEOUT) {
        return avs_errno(AVS_ENOTSUP);
    }
    s->recv_timeout = value.recv_timeout;
    return AVS_OK;
}

static const avs_net_socket_v_table_t VTABLE = {.send = ts_send,
                                                .receive = ts_receive,
                                                .close = ts_close,
                                                .cleanup = ts_cleanup,
                                                .get_remote_host = ts_host,
                                                .get_remote_port = ts_port,
                                                .get_opt = ts_get_opt,
                                                .set_opt = ts_set_opt};

avs_net_socket_t *test_socket_new(bool stream) {
    test_socket_t *s = (test_socket_t *) avs_calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->operations = &VTABLE;
    s->stream = stream;
    s->recv_timeout = avs_time_duration_from_scalar(30, AVS_TIME_S);
    return (avs_net_socket_t *) s;
}

void test_socket_link(avs_net_socket_t *a, avs_net_socket_t *b) {
    ((test_socket_t *) a)->peer = (test_socket_t *) b;
    ((test_socket_t *) b)->peer = (test_socket_t *) a;
}

void test_socket_inject(avs_net_socket_t *socket, const void *data,
                        size_t size) {
    queue(&((test_socket_t *) socket)->inbox, data, size);
}

size_t test_socket_pop_sent(avs_net_socket_t *socket, void *buf, size_t cap) {
    test_socket_t *s = (test_socket_t *) socket;
    if (!s->outbox) {
        return 0;
    }
    size_t n = s->outbox->size < cap ? s->outbox->size : cap;
    memcpy(buf, s->outbox->data, n);
    AVS_LIST_DELETE(&s->outbox);
    return n;
}

size_t test_socket_sent_count(avs_net_socket_t *socket) {
    return AVS_LIST_SIZE(((test_socket_t *) socket)->outbox);
}

void test_socket_set_drop(avs_net_socket_t *socket,
                          bool (*drop)(void *arg, const uint8_t *data,
                                       size_t size),
                          void *arg) {
    ((test_socket_t *) socket)->drop = drop;
    ((test_socket_t *) socket)->drop_arg = arg;
}

void test_socket_set_mtu(avs_net_socket_t *socket, int mtu) {
    ((test_socket_t *) socket)->mtu = mtu;
}

void test_socket_set_chunk(avs_net_socket_t *socket, size_t chunk) {
    ((test_socket_t *) socket)->chunk = chunk;
}

void test_socket_set_send_failure(avs_net_socket_t *socket, bool fail) {
    ((test_socket_t *) socket)->send_fails = fail;
}

void test_socket_set_eof(avs_net_socket_t *socket) {
    ((test_socket_t *) socket)->eof = true;
}

unsigned test_socket_receive_count(avs_net_socket_t *socket) {
    return ((test_socket_t *) socket)->receives;
}

avs_time_duration_t test_socket_recv_timeout(avs_net_socket_t *socket) {
    return ((test_socket_t *) socket)->recv_timeout;
}
