import type { Catalog, MessageTemplates } from "./catalog.js";
import { utcText } from "./utc-text.js";
import type { Verdict } from "../../track/summary.js";
import type { Words } from "./words.js";

/** 中文消息模板。花括号里是占位符;值为 client/server 时,换成 text 词表里的客户端/服务器。 */
const messages: MessageTemplates = {
  "step.syn":
    "{who}发起连接(主动打开,connect()):发送 SYN,初始序列号 j = {isn}。SYN 不携带数据,但要消耗一个序号,所以{who}发送的第一个数据字节的序号是 j+1 = {next}。",
  "step.syn-with-data":
    "{who}发起连接(主动打开,connect()):发送 SYN,初始序列号 j = {isn},并携带 {len} 字节数据。SYN 本身消耗一个序号,所以数据占用 j+1 = {next} 到 {end}。",
  "step.syn-ack":
    "{who}同意建立连接(被动打开):回复 SYN+ACK,自己的初始序列号 k = {isn},确认号 ack = j+1 = {ack},表示已收到{peer}的 SYN j = {peerIsn}。这个 SYN 同样消耗一个序号。",
  "step.syn-ack-with-data":
    "{who}同意建立连接(被动打开):回复 SYN+ACK,自己的初始序列号 k = {isn},确认了{peer}的 SYN j = {peerIsn} 以及它携带的数据:ack = {ack}。这个 SYN 同样消耗一个序号。",
  "step.handshake-ack":
    "{who}确认{peer}的 SYN:ack = k+1 = {ack}。纯 ACK 不消耗序号,所以{who}的下一个字节仍是 {seq}。为什么是三次而不是两次(RFC 9293 §3.5):到这一步双方才都看到对方确认了自己的初始序列号,才都能确认两个方向的收发都正常;而且网络中滞留的旧的重复 SYN 不能单独建立连接:对它的 SYN+ACK,客户端会回 RST 而不是这个 ACK。",
  "step.crossing-syn":
    "{who}在{peer}的 SYN 到达之前也发出了自己的 SYN(初始序列号 {isn}):这是同时打开,双方都会用 SYN+ACK 确认对方的 SYN。",
  "step.crossing-syn-ack": "{who}重发自己的 SYN 并确认{peer}的 SYN:ack = {ack}(同时打开)。",
  "step.fin":
    "{who}关闭自己的发送方向(主动关闭,close()):发送 FIN,seq = {seq}。FIN 和 SYN 一样要消耗一个序号,所以{peer}将确认 {next}。{peer}在自己关闭之前仍可以继续发送数据。",
  "step.ack-of-fin":
    "{who}确认{peer}的 FIN:ack = {ack}。它自己的 FIN 要等数据发完后再单独发送(四次挥手);在此之前连接处于半关闭状态。",
  "step.second-fin": "{who}的数据已发送完毕,也关闭连接(被动关闭):发送 FIN,seq = {seq}。",
  "step.fin-ack-of-fin":
    "{who}确认{peer}的 FIN(ack = {ack}),并在同一个报文段里发送自己的 FIN(seq = {seq}),关闭自己这一方向:这样挥手只用了三次。",
  "step.last-ack": "{who}确认{peer}的 FIN:ack = {ack},这是挥手的最后一个报文段。",
  "step.last-ack-time-wait":
    "{who}在 TIME_WAIT 状态停留 2MSL(这里是 {twoMsl} 秒)后才进入 CLOSED:如果这个最后的 ACK 丢失,{peer}会重发 FIN,{who}仍能再次应答;同时让这个连接残留在网络中的报文段全部消失,之后同样的端口才能用于新连接。",
  "step.crossing-fin":
    "{who}在{peer}的 FIN 到达之前也发出了自己的 FIN(它的 ack {ack} 没有覆盖那个 FIN):这是同时关闭,所以双方都经过 CLOSING 状态,而不是 CLOSE_WAIT 和 LAST_ACK。",
  "step.closing-ack": "{who}确认{peer}的 FIN:ack = {ack}(同时关闭)。",
  "segment.data": "{who}发送 {len} 字节数据,seq {seq}:{end}。",
  "segment.ack": "{who}确认已收到 {ack} 之前的全部数据。",
  "segment.reset": "{who}用 RST 中止连接:双方立即丢弃连接,没有 FIN 交换,也没有 TIME_WAIT;尚未交付的数据会丢失。",
  "segment.refused": "{who}用 RST 回应 SYN:端口 {port} 上没有程序在监听,连接被拒绝(connect() 返回 ECONNREFUSED)。",
  "segment.other": "{who}发送了一个 [{flags}] 报文段。",
  "connection.midstream":
    "抓包从这个连接的中途开始:没有抓到三次握手,因此假定双方都处于 ESTABLISHED,相对序号从这里的 1 开始。",
  "connection.roles-guessed": "没有抓到 SYN,所以角色是推测的:{address} 看起来是服务器(端口 {port})。",
  "connection.synack-first": "抓包从 SYN+ACK 开始:客户端的 SYN 没有被抓到,但它一定已经发出。",
  "connection.reused-ports":
    "本次抓包中更早的一个连接用过相同的地址和端口;这个 SYN 带有新的初始序列号,所以开始了一个新连接(Wireshark:端口复用)。",
  "change.line": "{who} {from} → {to}:{cause}。",
  "cause.sent-syn": "它发送了 SYN(主动打开)",
  "cause.received-syn": "它收到了 SYN(被动打开),回复 SYN+ACK",
  "cause.sent-syn-ack": "它发送了 SYN+ACK,说明它收到过一个本次抓包没有抓到的 SYN",
  "cause.received-syn-while-opening": "它在自己打开连接的同时收到了对方的 SYN",
  "cause.sent-syn-before-peer-syn": "它自己的 SYN 没有确认对方的 SYN,说明当时还没收到:它也在主动打开,而不是在监听",
  "cause.received-syn-ack": "它的 SYN 得到确认,connect() 返回",
  "cause.received-ack-of-syn": "它的 SYN 得到确认:连接建立(监听的服务器此时 accept() 可以返回这个连接)",
  "cause.sent-ack-after-syn-ack": "它在发送 ACK,说明它收到过一个本次抓包没有抓到的 SYN+ACK",
  "cause.sent-fin": "它发送了 FIN(主动关闭)",
  "cause.sent-fin-after-peer-fin": "它在对方之后发送了自己的 FIN(被动关闭),等待最后的 ACK",
  "cause.sent-fin-before-peer-fin": "它的 FIN 没有确认对方的 FIN,说明它在收到对方的 FIN 之前就关闭了",
  "cause.received-fin": "它收到了对方的 FIN:对方不再发送数据,但这一方仍可以发送",
  "cause.received-ack-of-fin": "它的 FIN 得到确认;等待对方的 FIN",
  "cause.received-fin-after-ack": "它收到了对方的 FIN,将予以确认",
  "cause.received-fin-with-ack": "它收到了对方的 FIN,这个 FIN 同时确认了它自己的 FIN",
  "cause.received-fin-while-closing": "它在自己的 FIN 得到确认之前收到了对方的 FIN",
  "cause.received-ack-of-fin-in-closing": "它的 FIN 终于得到确认",
  "cause.received-last-ack": "它的 FIN 得到确认,这一方的连接已经释放",
  "cause.sent-rst": "它发送了 RST",
  "cause.received-rst": "它收到了一个可接受的 RST",
  "cause.received-refusal": "它的 SYN 被拒绝",
  "cause.time-wait-expired": "2MSL 已经过去",
  "note.syn-retransmitted": "初始序列号与之前的 SYN 相同:这是重传(发送方没有及时收到对之前那个 SYN 的应答)。",
  "note.fin-retransmitted": "重传的 FIN(序号与之前相同)。",
  "note.fin-retransmitted-in-time-wait":
    "FIN 被重传给处于 TIME_WAIT 的一方:这正是 TIME_WAIT 存在的原因。最后的 ACK 丢失了;处于 TIME_WAIT 的一方再次应答,并重新开始 2MSL 计时。",
  "note.rst-not-acceptable": "这个 RST 的序号不在接收方的窗口内,接收方会忽略它(RFC 9293 §3.10.7.4,RFC 5961)。",
  "note.syn-with-data":
    "这个 SYN 携带了 {len} 字节数据,但没有 Fast Open cookie:服务器只在 cookie 有效时才接受 SYN 上的数据(TCP Fast Open,RFC 7413 §4.1),所以它多半只确认 SYN,数据要在握手之后重发。",
  "note.syn-ack-bad-ack": "它的 ack {ack} 没有确认客户端的 SYN(应为 j+1 = {expected}):客户端应当回复 RST。",
  "note.segment-after-close": "接收方已经处于 CLOSED:它会回复 RST。",
  "analysis.retransmission":
    "疑似重传(Wireshark):seq {seq} 小于下一个期望的序号 {nextSeq},说明这些数据之前发送过;它没有及时得到确认,发送方的重传定时器超时后再次发送了它。{original}",
  "analysis.fast-retransmission":
    "疑似快速重传(Wireshark):seq {seq} 小于下一个期望的序号 {nextSeq}:这些数据之前发送过;{peer}针对 {seq} 的 {count} 个重复 ACK(帧 {frames})让发送方立即重传,而不必等待定时器(快速重传,RFC 5681 §3.2)。{original}",
  "analysis.fast-retransmission-after-unseen":
    "疑似快速重传(Wireshark):seq {seq} 小于下一个期望的序号 {nextSeq},这些数据之前发送过,并且它在{peer}最后一个 ACK(正好请求 {seq})之后 20 毫秒内到达。Wireshark 把{peer}之前对本次抓包未见数据的确认算作足够多的重复 ACK;实际上可能一个也没有。{original}",
  "analysis.spurious-retransmission":
    "疑似虚假重传(Wireshark):字节 {seq} 到 {end} 已经被{peer}确认过(它最后的 ack 是 {peerAck}),所以这份副本是多余的:定时器触发得太早,或者 ACK 没有及时到达发送方。",
  "analysis.first-sent": "这些数据最早由帧 {frame} 在 {ago} 毫秒前发出,至今仍未得到确认。",
  "analysis.out-of-order":
    "疑似乱序报文段(Wireshark):seq {seq} 小于目前已发送的最高序号({nextSeq}),但它在到达该序号的报文段之后仅 {since} 毫秒就出现,在 {limit} 毫秒之内(握手的往返时间,没有握手时为 3 毫秒):作为重传来说太快了,所以它很可能在途中被后面的报文段超过了。",
  "analysis.lost-segment":
    "前一个报文段未抓到(Wireshark):seq {seq} 超过了下一个期望的序号 {nextSeq},所以在它之前发送的 {missing} 字节在这里缺失:在途中丢失,或者没有被抓包抓到。",
  "analysis.ack-lost-segment":
    "确认了未抓到的报文段(Wireshark):ack {ack} 确认的数据,本次抓包从未看到{peer}发送过(看到它连续发送到 {seenUpTo} 为止):抓包漏掉了{peer}的一些报文段,而它们其实已经到达。",
  "analysis.duplicate-ack":
    "重复 ACK(Wireshark):第 {num} 次重复帧 {frame} 的 ACK。{who}再次发送相同的 ack {ack} 和窗口,且不带数据,说明它仍在等待字节 {ack}。接收方每收到一个落在空缺之后的报文段,就重复一次 ACK;连续三个重复 ACK 会让发送方立即重传(快速重传,RFC 5681 §3.2)。",
  "analysis.duplicate-ack-again": "重复 ACK(Wireshark):第 {num} 次重复帧 {frame} 的 ACK,{who}仍在等待字节 {ack}。",
  "analysis.zero-window":
    "零窗口(Wireshark):{who}通告的窗口为 0:应用程序没有读取数据,接收缓冲区已满。{peer}必须停止发送数据,并不时探测窗口是否已经打开。",
  "analysis.zero-window-again": "零窗口(Wireshark):{who}的接收缓冲区仍然是满的;{peer}必须等待。",
  "analysis.zero-window-probe":
    "零窗口探测(Wireshark):在{peer}的窗口为 0 时,在下一个序号 {seq} 处发送一个字节:{who}在询问窗口是否已经打开(RFC 9293 §3.8.6.1)。",
  "analysis.zero-window-probe-ack":
    "对零窗口探测的应答(Wireshark):{who}重复 ack {ack},窗口仍为 0,所以那个字节没有被接收。",
  "analysis.window-full":
    "窗口已满(Wireshark):这个报文段到达了{peer}窗口的右边沿(ack {peerAck} + 窗口 {peerWindow} = {end}):在{peer}确认数据或打开窗口之前,{who}不能再发送任何数据。",
  "analysis.window-update":
    "窗口更新(Wireshark):没有新的数据需要确认;{who}告诉{peer}它的接收窗口现在是 {window} 字节(之前是 {previous})。",
  "analysis.keep-alive":
    "保活(Wireshark):seq {seq} 比下一个序号 {nextSeq} 小一(长度 {len}),所以{peer}必须用 ACK 回应。{who}借此检查空闲的连接是否仍然存活:默认在 2 小时没有流量之后开始,然后每 75 秒探测一次,连续 10 次没有应答就断开连接(RFC 1122 §4.2.3.6;Linux 的 tcp_keepalive_time、tcp_keepalive_intvl、tcp_keepalive_probes)。",
  "analysis.keep-alive-again":
    "保活(Wireshark):seq {seq} 比下一个序号 {nextSeq} 小一(长度 {len});{who}再次检查{peer}是否还在。",
  "analysis.keep-alive-zero-window":
    "Wireshark 把它标为保活(seq {seq} 比下一个序号 {nextSeq} 小一,长度 {len}),但{peer}的窗口为 0:它更可能是 Linux 方式的零窗口探测(不带数据,序号为最早未确认序号减一):{who}在询问窗口是否已经打开。",
  "analysis.keep-alive-ack": "对保活的应答(Wireshark):{who}重复它的 ACK {ack},说明连接的这一端仍然存活。",
  "analysis.reused-ports":
    "这个 SYN+ACK 在本次抓包中较早的一个连接用过的端口上带来了新的初始序列号(Wireshark:端口复用);Wireshark 把它留在同一个流中。",
  "analysis.acked-frame": "它确认了帧 {frame} 的报文段。",
  "analysis.ack-rtt": "它确认了帧 {frame} 的报文段,距那个报文段发出 {rtt} 毫秒(这是在抓包点看到的往返时间)。",
  "handshake.options": "双方 SYN 协商的结果:{mss};{windowScale};{sack};{timestamps}。",
  "handshake.options-unknown": "没有抓到客户端的 SYN,所以它提出的选项以及双方最终协商的结果都未知。",
  "handshake.mss": "MSS:客户端 {client},服务器 {server}(各自愿意接收的最大报文段字节数)",
  "handshake.window-scale-on":
    "启用窗口缩放(RFC 7323):客户端的窗口以 {clientFactor} 字节为单位(移位 {clientShift}),服务器的以 {serverFactor} 字节为单位(移位 {serverShift})",
  "handshake.window-scale-off":
    "不使用窗口缩放:必须双方的 SYN 都提出(RFC 7323 §2.2),所以窗口就是普通的字节数,最大 65535",
  "handshake.sack-on": "允许选择性确认(SACK,RFC 2018)",
  "handshake.sack-off": "不使用选择性确认(必须双方的 SYN 都允许 SACK)",
  "handshake.timestamps-on": "启用时间戳(RFC 7323 §3:测量往返时间,防止序号回绕)",
  "handshake.timestamps-off": "不使用时间戳(必须双方的 SYN 都携带)",
  "handshake.syn-ack-acks-data":
    "检查:它的 ack {ack} 不是 j+1 = {expected},而是多了 {len}:它同时确认了 SYN 携带的 {len} 字节数据(TCP Fast Open,RFC 7413)。",
  "handshake.initial-rtt": "握手往返时间(Wireshark 的 iRTT):从 SYN 到这个 ACK 共 {rtt} 毫秒。",
  "handshake.ack-mismatch": "检查:它的 ack {ack} 不等于 k+1 = {expected},所以它并不恰好确认服务器的 SYN。",
  "step.handshake-ack-with-data":
    "{who}确认{peer}的 SYN(ack = k+1 = {ack}),同时已经从 seq {seq} 开始发送 {len} 字节数据:这不是纯 ACK。RFC 9293 §3.10.7.4 允许这样做,因为{who}收到 SYN+ACK 时已经进入 ESTABLISHED。为什么是三次而不是两次(RFC 9293 §3.5):到这一步双方才都看到对方确认了自己的初始序列号,旧的重复 SYN 也不能单独建立连接。",
  "segment.reset-no-connection":
    "{who}回了一个不带 ACK 标志的 RST(seq 取自它收到的确认号):它已经没有这个连接了,重启或崩溃过的主机对它已遗忘的连接的报文段就是这样回应的(RFC 9293 §3.10.7.1)。{peer}随即丢弃连接。",
  "segment.reset-after-close":
    "{who}已经关闭了这个连接:处于 CLOSED 的一端对除 RST 以外的任何报文段都回一个 RST(RFC 9293 §3.10.7.1)。",
  "segment.reset-in-handshake":
    "{who}没有完成握手,而是用 RST 回应{peer}的 SYN+ACK:它不想要这个连接(SYN 扫描用原始套接字发 SYN,{who}自己的 TCP 并没有这个连接,于是重置了回应)。{peer}回到 LISTEN。",
  "segment.reset-bad-ack":
    "{who}用 RST 回应一个没有确认它的 SYN 的 ACK(RFC 9293 §3.10.7.3:序号取那个 ACK 的确认号):这个 RST 是给发出那个 ACK 的一方的,{who}仍处于 SYN_SENT,继续等待{peer}的 SYN+ACK。",
  "cause.received-syn-ack-while-opening": "它的 SYN 得到确认:connect() 返回(双方都是主动打开)",
  "cause.received-rst-back-to-listen": "在 SYN_RCVD 状态收到 RST:被动打开的一方回到监听状态(RFC 9293 §3.10.7.4)",
  "cause.lost-connection":
    "它后来回的不带 ACK 的 RST 表明,这个报文段到达时它已经没有这个连接了(重启或崩溃过,或者用一个抓包中没有出现的 RST 中止了连接)",
  "note.syn-ack-after-crossing":
    "Wireshark 把这个 SYN+ACK 标为重传,因为它重复了{who}的初始序列号;但在同时打开中,它是{who}对{peer}的 SYN 的应答,是交叉握手的一半,不一定是在重发丢失的报文段。",
  "note.syn-with-data-cookie":
    "这个 SYN 携带了 {len} 字节数据和一个 Fast Open cookie(TCP Fast Open,RFC 7413):接受该 cookie 的服务器会立即把数据交给应用程序,它的 SYN+ACK 会确认这些数据。",
  "note.syn-data-not-accepted":
    "检查:它的 ack 是 j+1 = {ack},没有覆盖 SYN 携带的 {len} 字节数据:{who}接受了 SYN,但没有接受其中的数据,{peer}必须重发。",
  "note.nothing-listens":
    "端口 {port} 上没有程序在监听:{peer}用 RST 回应了这个 SYN,所以{peer}一直处于 CLOSED(RFC 9293 §3.10.7.1),从未进入 SYN_RCVD。",
  "note.no-answer":
    "抓包中没有任何报文段回应这个 SYN,所以端口 {port} 上是否有程序在监听并不知道:{peer}的状态只是推测。",
  "note.ack-lost": "这个 ACK 没有到达{peer}:它在帧 {frame} 重发了这个 ACK 所确认的 SYN 或 FIN,说明它还在等待确认。",
  "note.copy-unacknowledged": "这一份很可能没有到达:{who}又发了一次,而{peer}在那之后于帧 {frame} 发出的段仍未确认它。",
  "note.copy-lost": "这一份很可能没有到达:{peer}没有任何回应,{who}在帧 {frame} 又发了一次。",
  "note.crossed":
    "{peer}是在发出自己帧 {frame} 的报文段之后才收到这个报文段的(那个报文段的 ack 没有覆盖它):两者在路上交叉而过。",
  "note.not-arrived-ack":
    "这个报文段很可能没有到达:{peer}在帧 {frame} 发出的报文段比它晚了好几个往返时间,那时早该收到它了,却表明{peer}仍没有收到它。",
  "note.behind-gap":
    "{who}在这个 FIN 之前发出的数据没有到达{peer},而报文段要按序号顺序处理(RFC 9293 §3.10.7.4):这个 FIN 只能等着(先到而被搁置,或仍在路上),直到{who}在帧 {frame} 重发了那些数据,{peer}才把两者一并收下。",
  "note.gap-filled":
    "这个报文段补上了{peer}在{who}的 FIN(帧 {frame})之前缺少的数据,那个 FIN 因此一直等到现在:{peer}随这个报文段一并收下了它。",
  "note.crossed-ack": "{peer}是在发出自己帧 {frame} 的报文段之后才收到这个报文段的:两者在路上交叉而过。",
  "note.rst-no-connection":
    "{who}在发这个 RST 之前就已经没有这个连接了:它回的 RST 不带 ACK 标志,TCP 对没有记录的连接的报文段就是这样回应的(RFC 9293 §3.10.7.1)。",
  "note.rst-lost":
    "{peer}没有接受这个 RST:它在帧 {frame} 发出的报文段表明它仍然持有这个连接(RST 在途中丢失,或被拒绝:RFC 9293 §3.10.7.4 规定,序号不恰好等于下一个期望序号的 RST 要用一个 ACK 回应并丢弃)。",
  "note.not-arrived":
    "这个报文段很可能没有到达:{peer}在帧 {frame} 发出的报文段比它晚了好几个往返时间,那时早该收到它了,却仍未确认它。",
  "note.rst-answers-bad-ack":
    "如果它的序号正好是这对端口上某个旧连接期待的下一个序号,这个 RST 会重置那个旧连接(RFC 5961 §3),下一个 SYN 副本就能到达监听者。",
  "note.old-connection":
    "正在监听的{peer}并没有收到这个 SYN:同一对端口上{peer}仍保留着的一个旧连接在帧 {frame} 用一个不确认它的 ACK 作了回应(挑战 ACK,RFC 9293 §3.10.7.4、RFC 5961 §4)。重置那个旧连接之后,下一个 SYN 副本才能到达监听者。",
  "revision.line": "事后修正:在帧 {frames},{who}实际处于 {now},而不是 {was}:{reason}。",
  "revision.answered": "它在帧 {frame} 发出的第一个报文段表明,之前到达它的报文段已经生效",
  "revision.nothing-listened": "它在帧 {frame} 的 RST 表明没有程序在监听:它从一开始就是 CLOSED",
  "revision.opened-too": "它在帧 {frame} 自己发出的 SYN 表明它也在主动打开,而不是在监听",
  "revision.crossed": "帧 {frame} 没有确认在它之前发出的 SYN 或 FIN,说明那个报文段当时还没有到达:两者交叉而过",
  "revision.ack-lost": "帧 {frame} 的重发表明,对被重发内容的 ACK 没有到达",
  "revision.copy-lost": "帧 {frame} 的重发表明,之前那一份很可能没有到达",
  "revision.lost-connection": "帧 {frame} 不带 ACK 的 RST 表明连接已经丢失(重启或崩溃)",
  "revision.rst-lost": "它在帧 {frame} 发出的报文段表明它从未接受对方的 RST",
  "revision.not-arrived": "帧 {frame} 比对方的一个报文段晚了好几个往返时间,却不见那个报文段生效,说明它很可能没有到达",
  "revision.old-connection":
    "帧 {frame} 用一个不确认 SYN 的 ACK 回应了这个 SYN:回应它的是同一对端口上的旧连接,监听者从未收到那个 SYN",
  "revision.behind-gap": "帧 {frame} 重发了在一个 FIN 之前发出的数据,说明在这些数据到达之前,那个 FIN 无法被处理",
  "word.not-announced": "未通告",
  "word.time-wait-over": "{who}在 TIME_WAIT 状态停留满 2MSL({twoMsl} 秒)后进入 CLOSED。",
};

const summaryVerdicts: Record<Verdict, string> = {
  closed: "正常关闭",
  reset: "被 RST 中止",
  refused: "被拒绝",
  "half-closed": "半关闭",
  "handshake-incomplete": "握手未完成",
  open: "尚未关闭",
};

/** 各种输出自己的词语(中文)。 */
const words: Words = {
  text: {
    linkType: "链路类型",
    stream: "流",
    client: "客户端",
    server: "服务器",
    frame: "帧",
    time: "时间",
    flags: "标志",
    length: "长度",
    step: "步骤",
    handshake: "握手",
    teardown: "挥手",
    clientToServer: "客户端→服务器",
    serverToClient: "服务器→客户端",
    unconfirmedLegend: "状态? :未得到该端自己发出的报文段的证实(推断的,或未知)",
    finding: "发现",
    halfOpenPeak: (peak, time) =>
      `半连接队列:同时处于 SYN_RCVD 的连接最多 ${peak} 个${time === null ? "" : `(${utcText(time)})`}。`,
    towardServer: "客→服",
    towardClient: "服→客",
    dir: "方向",
    totals: (t) =>
      `共 ${t.frames} 帧:${t.connections} 个连接,${t.segments} 个 TCP 报文段;跳过了 ${t.skipped} 个其他帧${t.skippedWhy === "" ? "" : `(${t.skippedWhy})`}。` +
      `${t.tunnels === "" ? "" : `\n经隧道的报文段:${t.tunnels}。`}`,
  },
  summary: {
    stream: "流",
    client: "客户端",
    server: "服务器",
    packets: "报文段 客→服 / 服→客",
    bytes: "字节 客→服 / 服→客",
    duration: "持续时间",
    opened: "建立",
    ended: "结束",
    finalStates: "最终状态 客 / 服",
    retransmissions: "重传",
    completeness: "完整性",
    halfOpen: "半开",
    outcomes: {
      complete: "完成",
      simultaneous: "同时打开",
      refused: "被拒绝",
      incomplete: "未完成",
      "not-captured": "未抓到",
    },
    closeKinds: {
      "four-way": "四次挥手",
      "three-way": "三次挥手",
      simultaneous: "同时关闭",
      reset: "RST 中止",
      refused: "被拒绝",
      "half-closed": "半关闭",
      open: "尚未关闭",
    },
    closedBy: (role) => `由${role}发起`,
    totals: (count, parts) => `共 ${count} 个连接${parts.length > 0 ? `:${parts.join(",")}` : ""}。`,
    verdictCount: (verdict, count) => `${count} 个${summaryVerdicts[verdict]}`,
    latency: (n, min, median, p95, max) =>
      `${n} 次握手的延迟(iRTT):最小 ${min},中位数 ${median},p95 ${p95},最大 ${max}。`,
    noHandshake: "没有完整的握手,因此没有握手延迟。",
    leftOut: (columns) =>
      `终端宽度不够,未显示这些列:${columns.join(", ")}(--columns all 显示所有列;--columns 列名,... 自选列)。`,
  },
  diagram: {
    fold: (f) => [
      `... ${f.segments} 个报文段(帧 ${f.frames}):`,
      `客户端->服务器 ${f.client},`,
      `服务器->客户端 ${f.server},`,
      `历时 ${f.duration} ...`,
    ],
    timeWaitOver: "2MSL 到期",
  },
  report: {
    title: "TCP 连接",
    captures: "抓包文件",
    connections: "连接",
    noConnections: "没有可显示的 TCP 连接。",
    packets: "报文段",
    bytes: "载荷字节",
    duration: "持续时间",
    handshake: "握手",
    close: "关闭",
    finalStates: "最终状态(客户端 / 服务器)",
    verdict: "结论",
    window: "窗口",
    raw: "原始值",
    findings: "分析发现",
    statesAfter: "之后的状态",
    hint: "鼠标悬停在箭头上可看到解释;点击箭头,在这里显示该报文段的全部信息。",
    verdicts: {
      closed: "已关闭",
      reset: "被重置",
      refused: "被拒绝",
      "half-closed": "半关闭",
      "handshake-incomplete": "握手未完成",
      open: "未关闭",
    },
    initialRtt: (rtt) => `iRTT ${rtt}`,
  },
  capture: {
    precision: { us: "微秒", ns: "纳秒", ms: "毫秒", s: "秒" },
    timestamps: (precision) => `${precision}级时间戳`,
    sections: (count) => `${count} 个节`,
    byteOrder: { little: "小端字节序", big: "大端字节序", mixed: "字节序混合" },
    gzip: "gzip 压缩",
    separator: ",",
  },
};

export const zh: Catalog = { messages, words };
