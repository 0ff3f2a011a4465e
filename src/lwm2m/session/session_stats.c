/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Traffic counters: the sockets count their own bytes and the CoAP
 * contexts their retransmissions; what sockets and contexts already freed
 * counted is kept here so that the totals never go back.
 */
#include "session.h"

void tern_sess_stats_account(tern_session_t *sess, avs_net_socket_t *socket) {
    avs_net_socket_opt_value_t value;
    if (avs_is_ok(avs_net_socket_get_opt(socket, AVS_NET_SOCKET_OPT_BYTES_SENT,
                                         &value))) {
        sess->freed_tx_bytes += value.bytes_sent;
    }
    if (avs_is_ok(avs_net_socket_get_opt(
                socket, AVS_NET_SOCKET_OPT_BYTES_RECEIVED, &value))) {
        sess->freed_rx_bytes += value.bytes_received;
    }
}

static void totals(anjay_t *anjay, uint64_t *tx, uint64_t *rx) {
    *tx = *rx = 0;
    tern_session_t *sess = anjay ? anjay->session : NULL;
    if (!sess) {
        return;
    }
    *tx = sess->freed_tx_bytes;
    *rx = sess->freed_rx_bytes;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        uint64_t srv_tx, srv_rx;
        tern_sess_socket_bytes(srv, &srv_tx, &srv_rx);
        *tx += srv_tx;
        *rx += srv_rx;
    }
}

uint64_t anjay_get_tx_bytes(anjay_t *anjay) {
    uint64_t tx, rx;
    totals(anjay, &tx, &rx);
    return tx;
}

uint64_t anjay_get_rx_bytes(anjay_t *anjay) {
    uint64_t tx, rx;
    totals(anjay, &tx, &rx);
    return rx;
}

void tern_sess_coap_free(tern_sess_server_t *srv) {
    tern_coap_stats_t stats;
    if (srv->coap && !tern_coap_ctx_get_stats(srv->coap, &stats)) {
        tern_coap_stats_t *freed = &srv->sess->freed_coap_stats;
        freed->outgoing_retransmissions += stats.outgoing_retransmissions;
        freed->incoming_retransmissions += stats.incoming_retransmissions;
        freed->outgoing_messages += stats.outgoing_messages;
        freed->incoming_messages += stats.incoming_messages;
    }
    tern_coap_ctx_delete(&srv->coap);
}

static tern_coap_stats_t coap_totals(anjay_t *anjay) {
    tern_coap_stats_t sum = {0};
    tern_session_t *sess = anjay ? anjay->session : NULL;
    if (!sess) {
        return sum;
    }
    sum = sess->freed_coap_stats;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        tern_coap_stats_t stats;
        if (srv->coap && !tern_coap_ctx_get_stats(srv->coap, &stats)) {
            sum.outgoing_retransmissions += stats.outgoing_retransmissions;
            sum.incoming_retransmissions += stats.incoming_retransmissions;
            sum.outgoing_messages += stats.outgoing_messages;
            sum.incoming_messages += stats.incoming_messages;
        }
    }
    return sum;
}

uint64_t anjay_get_num_incoming_retransmissions(anjay_t *anjay) {
    return coap_totals(anjay).incoming_retransmissions;
}

uint64_t anjay_get_num_outgoing_retransmissions(anjay_t *anjay) {
    return coap_totals(anjay).outgoing_retransmissions;
}
