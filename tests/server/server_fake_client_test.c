/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Drives tern-test-server from both sides: commands on its stdin, and a
 * hand-made LwM2M device on a loopback UDP socket that registers and answers
 * the server's requests with known bytes. Checks the wire format of what the
 * server sends and the lines it prints.
 */
#include "tern_test.h"

#include "server_test_proc.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* ---- the server process ------------------------------------------------ */

static const char *g_server_path;
static proc_t g_proc = {.pid = -1, .cmd_fd = -1, .out_fd = -1};
static int g_sock = -1;

#define expect_prefix(prefix, line, size)                                      \
    proc_expect_prefix(&g_proc, (prefix), (line), (size))
#define expect_exact(expected) proc_expect_exact(&g_proc, (expected))
#define command(...) proc_command(&g_proc, __VA_ARGS__)

static int server_start(const char *extra) {
    if (!proc_start(&g_proc, g_server_path, "--port", "0", "--no-tcp",
                    extra ? extra : "--quiet", (const char *) NULL)) {
        return 0;
    }
    g_sock = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((uint16_t) g_proc.coap);
    return connect(g_sock, (struct sockaddr *) &addr, sizeof(addr)) == 0;
}

/* Ends the server: with @p graceful by "quit", returning its exit status. */
static int server_stop(int graceful) {
    int status = proc_stop(&g_proc, graceful);
    if (g_sock >= 0) {
        close(g_sock);
        g_sock = -1;
    }
    return status;
}

/* ---- a tiny CoAP codec for the fake device ------------------------------ */

enum { CON = 0, NON = 1, ACK = 2, RST = 3 };
#define CODE(c, d) ((uint8_t) ((c) << 5 | (d)))

typedef struct {
    uint16_t number;
    uint8_t value[64];
    size_t len;
} opt_t;

typedef struct {
    int type;
    uint8_t code;
    uint16_t mid;
    uint8_t token[8];
    size_t token_len;
    opt_t opts[16];
    size_t opt_count;
    uint8_t payload[2048];
    size_t payload_len;
} msg_t;

static void msg_init(msg_t *m, int type, uint8_t code, uint16_t mid) {
    memset(m, 0, sizeof(*m));
    m->type = type;
    m->code = code;
    m->mid = mid;
}

/* Options must be added in ascending order. */
static void add_opt(msg_t *m, uint16_t number, const void *value, size_t len) {
    opt_t *o = &m->opts[m->opt_count++];
    o->number = number;
    memcpy(o->value, value, len);
    o->len = len;
}

static void add_opt_str(msg_t *m, uint16_t number, const char *s) {
    add_opt(m, number, s, strlen(s));
}

static void add_opt_uint(msg_t *m, uint16_t number, uint32_t v) {
    uint8_t b[4];
    size_t n = 0;
    for (int shift = 24; shift >= 0; shift -= 8) {
        if (n || (v >> shift) & 0xff) {
            b[n++] = (uint8_t) (v >> shift);
        }
    }
    add_opt(m, number, b, n);
}

static void set_payload(msg_t *m, const void *data, size_t len) {
    if (len) {
        memcpy(m->payload, data, len);
    }
    m->payload_len = len;
}

static size_t put_nibble(uint8_t *ext, uint32_t v, uint8_t *nibble) {
    if (v < 13) {
        *nibble = (uint8_t) v;
        return 0;
    }
    if (v < 269) {
        *nibble = 13;
        ext[0] = (uint8_t) (v - 13);
        return 1;
    }
    *nibble = 14;
    ext[0] = (uint8_t) ((v - 269) >> 8);
    ext[1] = (uint8_t) (v - 269);
    return 2;
}

static void send_msg(const msg_t *m) {
    uint8_t buf[4096];
    size_t n = 0;
    buf[n++] = (uint8_t) (0x40 | m->type << 4 | m->token_len);
    buf[n++] = m->code;
    buf[n++] = (uint8_t) (m->mid >> 8);
    buf[n++] = (uint8_t) m->mid;
    memcpy(buf + n, m->token, m->token_len);
    n += m->token_len;
    uint16_t last = 0;
    for (size_t i = 0; i < m->opt_count; ++i) {
        uint8_t ext[4], dn, ln;
        size_t head = n++;
        size_t e = put_nibble(ext, m->opts[i].number - last, &dn);
        memcpy(buf + n, ext, e);
        n += e;
        e = put_nibble(ext, (uint32_t) m->opts[i].len, &ln);
        memcpy(buf + n, ext, e);
        n += e;
        buf[head] = (uint8_t) (dn << 4 | ln);
        memcpy(buf + n, m->opts[i].value, m->opts[i].len);
        n += m->opts[i].len;
        last = m->opts[i].number;
    }
    if (m->payload_len) {
        buf[n++] = 0xff;
        memcpy(buf + n, m->payload, m->payload_len);
        n += m->payload_len;
    }
    if (send(g_sock, buf, n, 0) != (ssize_t) n) {
        fprintf(stderr, "  send failed\n");
    }
}

static int get_nibble(const uint8_t **p, const uint8_t *end, unsigned nib,
                      uint32_t *out) {
    if (nib < 13) {
        *out = nib;
    } else if (nib == 13 && *p < end) {
        *out = 13u + *(*p)++;
    } else if (nib == 14 && end - *p >= 2) {
        *out = 269u + ((uint32_t) (*p)[0] << 8 | (*p)[1]);
        *p += 2;
    } else {
        return -1;
    }
    return 0;
}

static int parse_msg(const uint8_t *buf, size_t len, msg_t *m) {
    memset(m, 0, sizeof(*m));
    if (len < 4 || (buf[0] >> 6) != 1) {
        return -1;
    }
    m->type = (buf[0] >> 4) & 3;
    m->token_len = buf[0] & 0x0f;
    m->code = buf[1];
    m->mid = (uint16_t) (buf[2] << 8 | buf[3]);
    const uint8_t *p = buf + 4;
    const uint8_t *end = buf + len;
    if (m->token_len > 8 || (size_t) (end - p) < m->token_len) {
        return -1;
    }
    memcpy(m->token, p, m->token_len);
    p += m->token_len;
    uint32_t number = 0;
    while (p < end && *p != 0xff) {
        unsigned dn = *p >> 4, ln = *p & 0x0f;
        uint32_t delta, olen;
        ++p;
        if (get_nibble(&p, end, dn, &delta) || get_nibble(&p, end, ln, &olen) ||
            (size_t) (end - p) < olen || olen > 64 || m->opt_count == 16) {
            return -1;
        }
        number += delta;
        opt_t *o = &m->opts[m->opt_count++];
        o->number = (uint16_t) number;
        memcpy(o->value, p, olen);
        o->len = olen;
        p += olen;
    }
    if (p < end) {
        ++p;
        m->payload_len = (size_t) (end - p);
        memcpy(m->payload, p, m->payload_len);
    }
    return 0;
}

static int recv_msg(msg_t *m, int timeout_ms) {
    struct pollfd pfd = {g_sock, POLLIN, 0};
    if (poll(&pfd, 1, timeout_ms) <= 0) {
        return 0;
    }
    uint8_t buf[4096];
    ssize_t n = recv(g_sock, buf, sizeof(buf), 0);
    return n > 0 && parse_msg(buf, (size_t) n, m) == 0;
}

static const opt_t *find_opt(const msg_t *m, uint16_t number, size_t nth) {
    for (size_t i = 0; i < m->opt_count; ++i) {
        if (m->opts[i].number == number && nth-- == 0) {
            return &m->opts[i];
        }
    }
    return NULL;
}

static int opt_uint(const msg_t *m, uint16_t number, uint32_t *out) {
    const opt_t *o = find_opt(m, number, 0);
    if (!o) {
        return 0;
    }
    *out = 0;
    for (size_t i = 0; i < o->len; ++i) {
        *out = *out << 8 | o->value[i];
    }
    return 1;
}

/* Joins the Uri-Path options as "/a/b" ("/" when there are none). */
static void uri_path(const msg_t *m, char *out, size_t size) {
    size_t n = 0;
    out[0] = '\0';
    const opt_t *o;
    for (size_t i = 0; (o = find_opt(m, 11, i)) != NULL; ++i) {
        n += (size_t) snprintf(out + n, size - n, "/%.*s", (int) o->len,
                               (const char *) o->value);
    }
    if (!n) {
        snprintf(out, size, "/");
    }
}

/* Receives the server's next request and checks its method and path. */
static int expect_request(msg_t *m, uint8_t code, const char *path) {
    if (!recv_msg(m, PROC_TIMEOUT_MS)) {
        fprintf(stderr, "  no request from the server\n");
        return 0;
    }
    char got[128];
    uri_path(m, got, sizeof(got));
    if (m->code != code || strcmp(got, path) != 0 || m->type != CON) {
        fprintf(stderr, "  got code %d.%02d type %d on %s\n", m->code >> 5,
                m->code & 0x1f, m->type, got);
        return 0;
    }
    return 1;
}

/* A piggybacked response to @p req. */
static void reply(const msg_t *req, uint8_t code, int ct, const void *data,
                  size_t len) {
    msg_t r;
    msg_init(&r, ACK, code, req->mid);
    memcpy(r.token, req->token, req->token_len);
    r.token_len = req->token_len;
    if (ct >= 0) {
        add_opt_uint(&r, 12, (uint32_t) ct);
    }
    set_payload(&r, data, len);
    send_msg(&r);
}

static uint16_t g_mid = 0x100;

/* Registers as @p ep and returns the location id in @p id. */
static int do_register(const char *ep, const char *lt, char *id,
                       size_t id_size) {
    msg_t m, r;
    char query[64];
    msg_init(&m, CON, CODE(0, 2), ++g_mid);
    m.token_len = 2;
    m.token[0] = 0xab;
    m.token[1] = 0xcd;
    add_opt_str(&m, 11, "rd");
    add_opt_uint(&m, 12, 40);
    snprintf(query, sizeof(query), "ep=%s", ep);
    add_opt_str(&m, 15, query);
    snprintf(query, sizeof(query), "lt=%s", lt);
    add_opt_str(&m, 15, query);
    add_opt_str(&m, 15, "lwm2m=1.1");
    add_opt_str(&m, 15, "b=U");
    const char *links = "</>;rt=\"oma.lwm2m\",</1/0>,</3/0>,</3303/0>";
    set_payload(&m, links, strlen(links));
    send_msg(&m);
    if (!recv_msg(&r, PROC_TIMEOUT_MS) || r.type != ACK || r.mid != m.mid ||
        r.code != CODE(2, 1)) {
        return 0;
    }
    const opt_t *l0 = find_opt(&r, 8, 0);
    const opt_t *l1 = find_opt(&r, 8, 1);
    if (!l0 || !l1 || l0->len != 2 || memcmp(l0->value, "rd", 2) != 0 ||
        l1->len >= id_size) {
        return 0;
    }
    memcpy(id, l1->value, l1->len);
    id[l1->len] = '\0';
    return 1;
}

static int simple_request(uint8_t code, const char *id, const char *query,
                          uint8_t expected) {
    msg_t m, r;
    msg_init(&m, CON, code, ++g_mid);
    m.token_len = 1;
    m.token[0] = 0x77;
    add_opt_str(&m, 11, "rd");
    add_opt_str(&m, 11, id);
    if (query) {
        add_opt_str(&m, 15, query);
    }
    send_msg(&m);
    return recv_msg(&r, PROC_TIMEOUT_MS) && r.type == ACK && r.mid == m.mid &&
           r.code == expected;
}

/* ---- tests -------------------------------------------------------------- */

static void register_update_deregister(void) {
    char id[16], line[512];
    TT_CHECK(server_start(NULL));
    TT_CHECK(do_register("fake", "60", id, sizeof(id)));
    TT_STREQ(id, "1");
    TT_CHECK(expect_exact("REGISTERED 1 ep=fake lt=60 lwm2m=1.1 b=U "
                          "links=</>;rt=\"oma.lwm2m\",</1/0>,</3/0>,"
                          "</3303/0>"));
    command("list");
    TT_CHECK(expect_exact("CLIENT 1 ep=fake lt=60 lwm2m=1.1 b=U "
                          "links=</>;rt=\"oma.lwm2m\",</1/0>,</3/0>,"
                          "</3303/0>"));
    TT_CHECK(expect_exact("END 1"));
    command("wait-register 2");
    TT_CHECK(simple_request(CODE(0, 2), "1", "lt=30", CODE(2, 4)));
    TT_CHECK(expect_prefix("UPDATED 1 ep=fake lt=30 ", line, sizeof(line)));
    TT_CHECK(simple_request(CODE(0, 2), "99", NULL, CODE(4, 4)));
    TT_CHECK(simple_request(CODE(0, 4), "1", NULL, CODE(2, 2)));
    TT_CHECK(expect_exact("DEREGISTERED 1 ep=fake"));
    command("list");
    TT_CHECK(expect_exact("END 0"));
    command("wait-register 0.2");
    TT_CHECK(expect_exact("ERR timeout"));
    TT_EQ(server_stop(1), 0);
}

static void register_rejects_bad_queries(void) {
    msg_t m, r;
    TT_CHECK(server_start(NULL));
    static const char *const bad[][2] = {
            {"lt=60", "4.00"},          /* no ep */
            {"ep=x&lt=abc", "4.00"},    /* bad lifetime */
            {"ep=x&lwm2m=9.9", "4.12"}, /* unsupported version */
            {"ep=x&b=Z", "4.00"},       /* bad binding */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); ++i) {
        msg_init(&m, CON, CODE(0, 2), ++g_mid);
        add_opt_str(&m, 11, "rd");
        char q[64];
        snprintf(q, sizeof(q), "%s", bad[i][0]);
        for (char *item = strtok(q, "&"); item; item = strtok(NULL, "&")) {
            add_opt_str(&m, 15, item);
        }
        send_msg(&m);
        TT_CHECK(recv_msg(&r, PROC_TIMEOUT_MS));
        char code[8];
        snprintf(code, sizeof(code), "%d.%02d", r.code >> 5, r.code & 0x1f);
        TT_STREQ(code, bad[i][1]);
    }
    /* A bad link list is refused too. */
    msg_init(&m, CON, CODE(0, 2), ++g_mid);
    add_opt_str(&m, 11, "rd");
    add_opt_str(&m, 15, "ep=x");
    set_payload(&m, "</1/0", 5);
    send_msg(&m);
    TT_CHECK(recv_msg(&r, PROC_TIMEOUT_MS) && r.code == CODE(4, 0));
    command("list");
    TT_CHECK(expect_exact("END 0"));
    TT_EQ(server_stop(1), 0);
}

static void duplicate_and_block_wise_register(void) {
    msg_t m, r;
    char line[512];
    TT_CHECK(server_start(NULL));
    /* The same message id twice: one registration, the same answer. */
    msg_init(&m, CON, CODE(0, 2), ++g_mid);
    add_opt_str(&m, 11, "rd");
    add_opt_str(&m, 15, "ep=dup");
    set_payload(&m, "</3/0>", 6);
    for (int i = 0; i < 2; ++i) {
        send_msg(&m);
        TT_CHECK(recv_msg(&r, PROC_TIMEOUT_MS));
        TT_EQ(r.code, CODE(2, 1));
        const opt_t *loc = find_opt(&r, 8, 1);
        TT_CHECK(loc && loc->len == 1 && loc->value[0] == '1');
    }
    TT_CHECK(expect_prefix("REGISTERED 1 ep=dup ", line, sizeof(line)));
    command("list");
    TT_CHECK(expect_prefix("CLIENT 1 ep=dup ", line, sizeof(line)));
    TT_CHECK(expect_exact("END 1"));

    /* A link list in two 16-byte Block1 pieces. */
    const char *links = "</1/0>,</3/0>,</3303/0>,</5/0>";
    size_t len = strlen(links);
    for (uint32_t num = 0; num * 16 < len; ++num) {
        int more = (num + 1) * 16 < len;
        msg_init(&m, CON, CODE(0, 2), ++g_mid);
        add_opt_str(&m, 11, "rd");
        add_opt_str(&m, 15, "ep=big");
        add_opt_uint(&m, 27, num << 4 | (more ? 8u : 0u));
        set_payload(&m, links + 16 * num, more ? 16 : len - 16 * num);
        send_msg(&m);
        TT_CHECK(recv_msg(&r, PROC_TIMEOUT_MS));
        TT_EQ(r.code, more ? CODE(2, 31) : CODE(2, 1));
        uint32_t echo = 0;
        TT_CHECK(opt_uint(&r, 27, &echo));
        TT_EQ(echo >> 4, num);
    }
    TT_CHECK(expect_exact("REGISTERED 2 ep=big lt=86400 lwm2m=1.0 b=U "
                          "links=</1/0>,</3/0>,</3303/0>,</5/0>"));
    TT_EQ(server_stop(1), 0);
}

static void device_management(void) {
    char id[16], line[1024];
    msg_t m;
    TT_CHECK(server_start(NULL));
    TT_CHECK(do_register("dm", "60", id, sizeof(id)));
    TT_CHECK(expect_prefix("REGISTERED 1 ep=dm ", line, sizeof(line)));

    command("read dm /3/0/0");
    TT_CHECK(expect_request(&m, CODE(0, 1), "/3/0/0"));
    reply(&m, CODE(2, 5), 0, "Tern", 4);
    TT_CHECK(expect_exact("RESPONSE 2.05 ct=0 Tern"));

    command("read 1 /3/0 tlv");
    TT_CHECK(expect_request(&m, CODE(0, 1), "/3/0"));
    uint32_t accept = 0;
    TT_CHECK(opt_uint(&m, 17, &accept) && accept == 11542);
    static const uint8_t tlv[] = {0xc4, 0x00, 'T',  'e', 'r',
                                  'n',  0xc1, 0x09, 0x64};
    reply(&m, CODE(2, 5), 11542, tlv, sizeof(tlv));
    TT_CHECK(expect_exact("RESPONSE 2.05 ct=11542 /3/0/0=Tern;/3/0/9=100"));

    command("read dm /3/0 senml-cbor");
    TT_CHECK(expect_request(&m, CODE(0, 1), "/3/0"));
    static const uint8_t senml[] = {0x81, 0xa2, 0x00, 0x66, '/',  '3', '/',
                                    '0',  '/',  '9',  0x02, 0x18, 0x5f};
    reply(&m, CODE(2, 5), 112, senml, sizeof(senml));
    TT_CHECK(expect_exact("RESPONSE 2.05 ct=112 /3/0/9=95"));

    command("write dm /1/0/1 text 120");
    TT_CHECK(expect_request(&m, CODE(0, 3), "/1/0/1"));
    uint32_t ct = 99;
    TT_CHECK(opt_uint(&m, 12, &ct) && ct == 0);
    TT_EQ(m.payload_len, 3);
    TT_CHECK(memcmp(m.payload, "120", 3) == 0);
    reply(&m, CODE(2, 4), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 2.04 ct=none"));

    command("write-tlv dm /3/0 [{\"n\":\"/3/0/14\",\"vs\":\"+02\"}]");
    TT_CHECK(expect_request(&m, CODE(0, 3), "/3/0"));
    static const uint8_t tlv_write[] = {0xc3, 0x0e, '+', '0', '2'};
    TT_CHECK(opt_uint(&m, 12, &ct) && ct == 11542);
    TT_EQ(m.payload_len, sizeof(tlv_write));
    TT_CHECK(memcmp(m.payload, tlv_write, sizeof(tlv_write)) == 0);
    reply(&m, CODE(2, 4), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 2.04 ct=none"));

    command("write-partial dm /1/0 senml-json [{\"n\":\"/1/0/3\",\"v\":9}]");
    TT_CHECK(expect_request(&m, CODE(0, 2), "/1/0"));
    TT_CHECK(opt_uint(&m, 12, &ct) && ct == 110);
    reply(&m, CODE(2, 4), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 2.04 ct=none"));

    command("execute dm /3/0/4");
    TT_CHECK(expect_request(&m, CODE(0, 2), "/3/0/4"));
    TT_EQ(m.payload_len, 0);
    reply(&m, CODE(2, 4), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 2.04 ct=none"));

    command("create dm /3303 tlv [{\"n\":\"/3303/1/5700\",\"v\":20}]");
    TT_CHECK(expect_request(&m, CODE(0, 2), "/3303"));
    TT_CHECK(opt_uint(&m, 12, &ct) && ct == 11542);
    static const uint8_t created[] = {0x08, 0x01, 0x0c, 0xe8, 0x16,
                                      0x44, 0x08, 0x40, 0x34, 0x00,
                                      0x00, 0x00, 0x00, 0x00, 0x00};
    TT_EQ(m.payload_len, sizeof(created));
    TT_CHECK(memcmp(m.payload, created, sizeof(created)) == 0);
    {
        msg_t r;
        msg_init(&r, ACK, CODE(2, 1), m.mid);
        memcpy(r.token, m.token, m.token_len);
        r.token_len = m.token_len;
        add_opt_str(&r, 8, "3303");
        add_opt_str(&r, 8, "1");
        send_msg(&r);
    }
    TT_CHECK(expect_exact("RESPONSE 2.01 ct=none location=/3303/1"));

    command("delete dm /3303/1");
    TT_CHECK(expect_request(&m, CODE(0, 4), "/3303/1"));
    reply(&m, CODE(2, 2), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 2.02 ct=none"));

    command("discover dm /3/0");
    TT_CHECK(expect_request(&m, CODE(0, 1), "/3/0"));
    TT_CHECK(opt_uint(&m, 17, &accept) && accept == 40);
    reply(&m, CODE(2, 5), 40, "</3/0>,</3/0/0>", 15);
    TT_CHECK(expect_exact("RESPONSE 2.05 ct=40 </3/0>,</3/0/0>"));

    command("write-attributes dm /3/0/9 pmin=1&pmax=5");
    TT_CHECK(expect_request(&m, CODE(0, 3), "/3/0/9"));
    const opt_t *q0 = find_opt(&m, 15, 0);
    const opt_t *q1 = find_opt(&m, 15, 1);
    TT_CHECK(q0 && q0->len == 6 && memcmp(q0->value, "pmin=1", 6) == 0);
    TT_CHECK(q1 && q1->len == 6 && memcmp(q1->value, "pmax=5", 6) == 0);
    TT_EQ(m.payload_len, 0);
    reply(&m, CODE(2, 4), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 2.04 ct=none"));

    command("read dm /5/0/0");
    TT_CHECK(expect_request(&m, CODE(0, 1), "/5/0/0"));
    reply(&m, CODE(4, 4), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 4.04 ct=none"));

    command("read nobody /3/0/0");
    TT_CHECK(expect_exact("ERR no such client 'nobody'"));
    command("read dm 3/0");
    TT_CHECK(expect_exact("ERR bad path '3/0'"));
    command("frobnicate");
    TT_CHECK(expect_exact("ERR unknown command 'frobnicate'"));

    /* A Send from the registered device. */
    msg_init(&m, CON, CODE(0, 2), ++g_mid);
    add_opt_str(&m, 11, "dp");
    add_opt_uint(&m, 12, 110);
    const char *send_json = "[{\"n\":\"/3/0/9\",\"v\":10}]";
    set_payload(&m, send_json, strlen(send_json));
    send_msg(&m);
    TT_CHECK(expect_exact("SEND 1 ct=110 /3/0/9=10"));
    msg_t r;
    TT_CHECK(recv_msg(&r, PROC_TIMEOUT_MS) && r.code == CODE(2, 4));

    /* A request the device never answers. */
    command("set timeout 0.3");
    TT_CHECK(expect_exact("OK set timeout 0.3"));
    command("read dm /3/0/1");
    TT_CHECK(expect_request(&m, CODE(0, 1), "/3/0/1"));
    TT_CHECK(expect_exact("ERR timeout"));
    TT_EQ(server_stop(1), 0);
}

static void observe_and_cancel(void) {
    char id[16], line[512];
    msg_t m, obs, n, r;
    uint32_t v;
    TT_CHECK(server_start(NULL));
    TT_CHECK(do_register("obs", "60", id, sizeof(id)));
    TT_CHECK(expect_prefix("REGISTERED", line, sizeof(line)));

    command("observe obs /3/0/9");
    TT_CHECK(expect_request(&obs, CODE(0, 1), "/3/0/9"));
    TT_CHECK(opt_uint(&obs, 6, &v) && v == 0);
    {
        msg_t a;
        msg_init(&a, ACK, CODE(2, 5), obs.mid);
        memcpy(a.token, obs.token, obs.token_len);
        a.token_len = obs.token_len;
        add_opt_uint(&a, 6, 1);
        add_opt_uint(&a, 12, 0);
        set_payload(&a, "50", 2);
        send_msg(&a);
    }
    TT_CHECK(expect_exact("RESPONSE 2.05 ct=0 50"));

    /* A confirmable notification gets an ACK and a NOTIFY line. */
    msg_init(&n, CON, CODE(2, 5), ++g_mid);
    memcpy(n.token, obs.token, obs.token_len);
    n.token_len = obs.token_len;
    add_opt_uint(&n, 6, 2);
    add_opt_uint(&n, 12, 0);
    set_payload(&n, "49", 2);
    send_msg(&n);
    TT_CHECK(recv_msg(&r, PROC_TIMEOUT_MS) && r.type == ACK && r.mid == n.mid);
    TT_CHECK(expect_exact("NOTIFY 1 /3/0/9 seq=2 ct=0 49"));
    command("wait-notify 1");

    /* Cancel with GET Observe=1 on the same token. */
    command("cancel-observe obs /3/0/9");
    TT_CHECK(expect_request(&m, CODE(0, 1), "/3/0/9"));
    TT_CHECK(opt_uint(&m, 6, &v) && v == 1);
    TT_EQ(m.token_len, obs.token_len);
    TT_CHECK(memcmp(m.token, obs.token, obs.token_len) == 0);
    reply(&m, CODE(2, 5), 0, "48", 2);
    TT_CHECK(expect_exact("RESPONSE 2.05 ct=0 48"));
    command("cancel-observe obs /3/0/9");
    TT_CHECK(expect_exact("ERR no observation of /3/0/9 on 'obs'"));

    /* Observe again, then cancel by answering the next notification
     * with a Reset. */
    command("observe obs /3/0/9 text");
    TT_CHECK(expect_request(&obs, CODE(0, 1), "/3/0/9"));
    {
        msg_t a;
        msg_init(&a, ACK, CODE(2, 5), obs.mid);
        memcpy(a.token, obs.token, obs.token_len);
        a.token_len = obs.token_len;
        add_opt_uint(&a, 6, 7);
        add_opt_uint(&a, 12, 0);
        set_payload(&a, "47", 2);
        send_msg(&a);
    }
    TT_CHECK(expect_exact("RESPONSE 2.05 ct=0 47"));
    command("cancel-observe obs /3/0/9 rst");
    TT_CHECK(expect_exact("OK cancel-observe obs /3/0/9 rst"));
    msg_init(&n, NON, CODE(2, 5), ++g_mid);
    memcpy(n.token, obs.token, obs.token_len);
    n.token_len = obs.token_len;
    add_opt_uint(&n, 6, 8);
    add_opt_uint(&n, 12, 0);
    set_payload(&n, "46", 2);
    send_msg(&n);
    TT_CHECK(recv_msg(&r, PROC_TIMEOUT_MS) && r.type == RST && r.mid == n.mid);
    TT_CHECK(expect_exact("REJECTED 1 /3/0/9 seq=8"));
    TT_EQ(server_stop(1), 0);
}

static void block_wise(void) {
    char id[16], line[512];
    msg_t m;
    uint32_t v;
    TT_CHECK(server_start(NULL));
    TT_CHECK(do_register("blk", "60", id, sizeof(id)));
    TT_CHECK(expect_prefix("REGISTERED", line, sizeof(line)));

    /* Download: the device answers in 16-byte blocks. */
    uint8_t body[40];
    for (size_t i = 0; i < sizeof(body); ++i) {
        body[i] = (uint8_t) i;
    }
    command("read blk /5/0/0 opaque");
    TT_CHECK(expect_request(&m, CODE(0, 1), "/5/0/0"));
    for (uint32_t num = 0; num < 3; ++num) {
        if (num) {
            TT_CHECK(expect_request(&m, CODE(0, 1), "/5/0/0"));
            TT_CHECK(opt_uint(&m, 23, &v) && v == (num << 4));
            TT_CHECK(opt_uint(&m, 17, &v) && v == 42);
        }
        msg_t r;
        msg_init(&r, ACK, CODE(2, 5), m.mid);
        memcpy(r.token, m.token, m.token_len);
        r.token_len = m.token_len;
        add_opt_uint(&r, 12, 42);
        add_opt_uint(&r, 23, num << 4 | (num < 2 ? 8u : 0u));
        set_payload(&r, body + 16 * num, num < 2 ? 16 : 8);
        send_msg(&r);
    }
    TT_CHECK(expect_exact(
            "RESPONSE 2.05 ct=42 000102030405060708090a0b0c0d"
            "0e0f101112131415161718191a1b1c1d1e1f2021222324252627"));

    /* Upload: the server splits a long write into Block1 pieces. */
    command("set block-size 16");
    TT_CHECK(expect_exact("OK set block-size 16"));
    command("write blk /5/0/0 opaque 000102030405060708090a0b0c0d0e0f1011121314"
            "15161718191a1b1c1d1e1f2021222324252627");
    uint8_t got[64];
    size_t got_len = 0;
    for (uint32_t num = 0; num < 3; ++num) {
        TT_CHECK(expect_request(&m, CODE(0, 3), "/5/0/0"));
        TT_CHECK(opt_uint(&m, 27, &v));
        TT_EQ(v >> 4, num);
        TT_EQ((v >> 3) & 1, num < 2);
        TT_EQ(v & 7, 0);
        memcpy(got + got_len, m.payload, m.payload_len);
        got_len += m.payload_len;
        msg_t r;
        msg_init(&r, ACK, num < 2 ? CODE(2, 31) : CODE(2, 4), m.mid);
        memcpy(r.token, m.token, m.token_len);
        r.token_len = m.token_len;
        add_opt_uint(&r, 27, v);
        send_msg(&r);
    }
    TT_EQ(got_len, sizeof(body));
    TT_CHECK(memcmp(got, body, sizeof(body)) == 0);
    TT_CHECK(expect_exact("RESPONSE 2.04 ct=none"));
    TT_EQ(server_stop(1), 0);
}

static void bootstrap_sequence(void) {
    msg_t m, r;
    TT_CHECK(server_start("--bootstrap"));
    msg_init(&m, CON, CODE(0, 2), ++g_mid);
    add_opt_str(&m, 11, "bs");
    add_opt_str(&m, 15, "ep=boot");
    send_msg(&m);
    TT_CHECK(recv_msg(&r, PROC_TIMEOUT_MS) && r.code == CODE(2, 4));
    TT_CHECK(expect_exact("BOOTSTRAP-REQUEST 1 ep=boot"));
    command("wait-bootstrap 1");

    command("bootstrap-delete boot");
    TT_CHECK(expect_request(&m, CODE(0, 4), "/"));
    reply(&m, CODE(2, 2), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 2.02 ct=none"));

    command("bootstrap-write boot /1/0 tlv [{\"bn\":\"/1/0/\",\"n\":\"0\","
            "\"v\":1},{\"n\":\"1\",\"v\":60},{\"n\":\"7\",\"vs\":\"U\"}]");
    TT_CHECK(expect_request(&m, CODE(0, 3), "/1/0"));
    static const uint8_t server_tlv[] = {0xc1, 0x00, 0x01, 0xc1, 0x01,
                                         0x3c, 0xc1, 0x07, 'U'};
    TT_EQ(m.payload_len, sizeof(server_tlv));
    TT_CHECK(memcmp(m.payload, server_tlv, sizeof(server_tlv)) == 0);
    reply(&m, CODE(2, 4), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 2.04 ct=none"));

    command("bootstrap-discover boot");
    TT_CHECK(expect_request(&m, CODE(0, 1), "/"));
    reply(&m, CODE(2, 5), 40, "</0/0>,</1/0>", 13);
    TT_CHECK(expect_exact("RESPONSE 2.05 ct=40 </0/0>,</1/0>"));

    command("bootstrap-finish boot");
    TT_CHECK(expect_request(&m, CODE(0, 2), "/bs"));
    reply(&m, CODE(2, 4), -1, NULL, 0);
    TT_CHECK(expect_exact("RESPONSE 2.04 ct=none"));
    TT_EQ(server_stop(1), 0);
}

static void registration_expires(void) {
    char id[16], line[512];
    TT_CHECK(server_start(NULL));
    TT_CHECK(do_register("short", "1", id, sizeof(id)));
    TT_CHECK(expect_prefix("REGISTERED", line, sizeof(line)));
    command("wait-expire 3");
    TT_CHECK(expect_exact("EXPIRED 1 ep=short"));
    command("list");
    TT_CHECK(expect_exact("END 0"));
    TT_EQ(server_stop(1), 0);
}

static void stops_on_sigterm(void) {
    TT_CHECK(server_start(NULL));
    kill(g_proc.pid, SIGTERM);
    int status = 0;
    uint64_t deadline = proc_now_ms() + PROC_TIMEOUT_MS;
    while (waitpid(g_proc.pid, &status, WNOHANG) == 0 &&
           proc_now_ms() < deadline) {
        proc_pause_ms(10);
    }
    TT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    g_proc.pid = -1;
    server_stop(0);
}

#define RUN(fn)                                                                \
    do {                                                                       \
        TT_RUN(fn);                                                            \
        server_stop(0);                                                        \
    } while (0)

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s path/to/tern-test-server\n", argv[0]);
        return 2;
    }
    g_server_path = argv[1];
    signal(SIGPIPE, SIG_IGN);
    RUN(register_update_deregister);
    RUN(register_rejects_bad_queries);
    RUN(duplicate_and_block_wise_register);
    RUN(device_management);
    RUN(observe_and_cancel);
    RUN(block_wise);
    RUN(bootstrap_sequence);
    RUN(registration_expires);
    RUN(stops_on_sigterm);
    return TT_SUMMARY();
}
