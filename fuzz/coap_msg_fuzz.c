/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The message codec: whatever parses must serialize back to the same bytes
 * and parse again to the same message; the option list rebuilt option by
 * option through the builder must equal the parsed one. The first input
 * byte picks UDP or TCP framing; the rest of it is the message.
 */

#include <stdlib.h>
#include <string.h>

#include <tern/coap_msg.h>

static uint8_t g_out[70000];
static uint8_t g_opts[70000];

static void check(int condition) {
    if (!condition) {
        abort();
    }
}

static void same_message(const tern_coap_msg_t *a, const tern_coap_msg_t *b) {
    check(a->type == b->type && a->code == b->code && a->msg_id == b->msg_id);
    check(tern_coap_token_equal(&a->token, &b->token));
    check(a->options_size == b->options_size);
    check(!a->options_size || !memcmp(a->options, b->options, a->options_size));
    check(a->payload_size == b->payload_size);
    check(!a->payload_size || !memcmp(a->payload, b->payload, a->payload_size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) {
        return 0;
    }
    bool tcp = data[0] & 1;
    data += 1;
    size -= 1;
    tern_coap_msg_t msg;
    uint16_t bad = 0;
    int result = tcp ? tern_coap_tcp_parse(&msg, data, size, &bad)
                     : tern_coap_udp_parse(&msg, data, size, &bad);
    if (tcp) {
        uint64_t frame;
        if (!tern_coap_tcp_frame_size(data, size, &frame)) {
            check(result == TERN_COAP_ERR_TRUNCATED || frame <= size);
        }
    }
    if (result && !tern_coap_err_is_bad_option(result)) {
        return 0;
    }
    /* UDP Empty messages are only valid bare; TCP ones may carry anything,
     * which the UDP-minded serializer rightly refuses in UDP only. */
    size_t out_size = 0;
    int written =
            tcp ? tern_coap_tcp_serialize(&msg, g_out, sizeof(g_out), &out_size)
                : tern_coap_udp_serialize(&msg, g_out, sizeof(g_out),
                                          &out_size);
    check(written == 0);
    check(out_size == size && !memcmp(g_out, data, size));
    check(out_size ==
          (tcp ? tern_coap_tcp_size(&msg) : tern_coap_udp_size(&msg)));
    tern_coap_msg_t again;
    uint16_t bad_again = 0;
    int result_again =
            tcp ? tern_coap_tcp_parse(&again, g_out, out_size, &bad_again)
                : tern_coap_udp_parse(&again, g_out, out_size, &bad_again);
    check(result_again == result && bad_again == bad);
    same_message(&msg, &again);

    /* Rebuild the options through the builder: the encoding is canonical,
     * so the bytes must be the same. */
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, g_opts, sizeof(g_opts));
    tern_coap_opt_iter_t it = tern_coap_opt_iter(&msg);
    size_t count = 0;
    uint16_t last = 0;
    while (tern_coap_opt_next(&it)) {
        check(it.number >= last);
        last = it.number;
        check(tern_coap_opts_add_opaque(&opts, it.number, it.value, it.size) ==
              0);
        ++count;
    }
    check(opts.size == msg.options_size);
    check(!opts.size || !memcmp(opts.buf, msg.options, opts.size));

    /* Removing an option keeps the rest intact and in order. */
    if (count) {
        tern_coap_opt_iter_t first = tern_coap_opt_iter(&msg);
        tern_coap_opt_next(&first);
        tern_coap_opts_remove(&opts, first.number);
        tern_coap_msg_t reduced = msg;
        tern_coap_msg_set_opts(&reduced, &opts);
        tern_coap_opt_iter_t a = tern_coap_opt_iter(&msg);
        tern_coap_opt_iter_t b = tern_coap_opt_iter(&reduced);
        while (tern_coap_opt_next(&a)) {
            if (a.number == first.number) {
                continue;
            }
            check(tern_coap_opt_next(&b));
            check(a.number == b.number && a.size == b.size);
            check(!a.size || !memcmp(a.value, b.value, a.size));
        }
        check(!tern_coap_opt_next(&b));
    }

    /* Typed getters never read out of bounds, whatever the values. */
    uint32_t value;
    tern_coap_block_t block;
    uint16_t format;
    char text[32];
    tern_coap_msg_get_uint(&msg, TERN_COAP_OPT_OBSERVE, &value);
    tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK1, tcp, &block);
    tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK2, tcp, &block);
    tern_coap_msg_get_format(&msg, TERN_COAP_OPT_CONTENT_FORMAT, &format);
    tern_coap_msg_get_string(&msg, TERN_COAP_OPT_URI_PATH, text, sizeof(text));
    return 0;
}
