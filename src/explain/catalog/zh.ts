import type { Catalog } from "./catalog.js";

/** 中文。花括号里是占位符;client/server 的值由 word.* 翻译。 */
export const zh: Catalog = {
  "step.syn":
    "{who}发起连接(主动打开,connect()):发送 SYN,初始序列号 j = {isn}。SYN 不携带数据,但要消耗一个序号,所以{who}发送的第一个数据字节的序号是 j+1 = {next}。",
  "step.syn-ack":
    "{who}同意建立连接(被动打开):回复 SYN+ACK,自己的初始序列号 k = {isn},确认号 ack = j+1 = {ack},表示已收到{peer}的 SYN j = {peerIsn}。这个 SYN 同样消耗一个序号。",
  "step.syn-ack-with-data":
    "{who}同意建立连接(被动打开):回复 SYN+ACK,自己的初始序列号 k = {isn},确认了{peer}的 SYN j = {peerIsn} 以及它携带的数据:ack = {ack}。这个 SYN 同样消耗一个序号。",
  "step.handshake-ack":
    "{who}确认{peer}的 SYN:ack = k+1 = {ack}。纯 ACK 不消耗序号,所以{who}的 seq 仍是 j+1 = {seq}。为什么是三次而不是两次:到这一步双方才都看到对方确认了自己的初始序列号,才都能确认两个方向的收发都正常。",
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
  "connection.midstream": "抓包从这个连接的中途开始:没有抓到三次握手,因此假定双方都处于 ESTABLISHED,相对序号从这里的 1 开始。",
  "connection.roles-guessed": "没有抓到 SYN,所以角色是推测的:{address} 看起来是服务器(端口 {port})。",
  "connection.synack-first": "抓包从 SYN+ACK 开始:客户端的 SYN 没有被抓到,但它一定已经发出。",
  "connection.reused-ports": "本次抓包中更早的一个连接用过相同的地址和端口;这个 SYN 带有新的初始序列号,所以开始了一个新连接(Wireshark:端口复用)。",
  "change.line": "{who} {from} → {to}:{cause}。",
  "cause.sent-syn": "它发送了 SYN(主动打开)",
  "cause.received-syn": "它收到了 SYN(被动打开),将回复 SYN+ACK",
  "cause.sent-syn-ack": "它发送了 SYN+ACK,说明它收到过一个本次抓包没有抓到的 SYN",
  "cause.received-syn-while-opening": "它在自己打开连接的同时收到了对方的 SYN",
  "cause.sent-syn-before-peer-syn": "它自己的 SYN 没有确认对方的 SYN,说明当时还没收到:它也在主动打开,而不是在监听",
  "cause.received-syn-ack": "它的 SYN 得到确认,connect() 返回",
  "cause.received-ack-of-syn": "它的 SYN 得到确认,accept() 可以返回",
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
  "cause.last-ack-lost": "它重发了 FIN,说明最后的 ACK 没有到达它",
  "cause.sent-rst": "它发送了 RST",
  "cause.received-rst": "它收到了一个可接受的 RST",
  "cause.refused-syn": "没有程序在监听,所以它其实从未处于 SYN_RCVD:它用 RST 回应了 SYN",
  "cause.received-refusal": "它的 SYN 被拒绝",
  "cause.time-wait-expired": "2MSL 已经过去",
  "note.syn-retransmitted": "初始序列号与之前的 SYN 相同:这是重传,之前那个 SYN 没有及时得到应答。",
  "note.fin-retransmitted": "重传的 FIN(序号与之前相同)。",
  "note.fin-retransmitted-in-time-wait":
    "FIN 被重传给处于 TIME_WAIT 的一方:这正是 TIME_WAIT 存在的原因。最后的 ACK 丢失了;处于 TIME_WAIT 的一方再次应答,并重新开始 2MSL 计时。",
  "note.rst-not-acceptable": "这个 RST 的序号不在接收方的窗口内,接收方会忽略它(RFC 9293 §3.10.7.4,RFC 5961)。",
  "note.syn-with-data": "这个 SYN 携带了 {len} 字节数据(TCP Fast Open,RFC 7413)。",
  "note.handshake-ack-with-data":
    "第三次握手的报文段已经携带了 {len} 字节数据:这是允许的,因为客户端已处于 ESTABLISHED。前两次握手不能携带数据:如果 SYN 可以带数据,SYN 洪泛攻击就会更多地消耗服务器的内存。",
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
  "analysis.keep-alive-again": "保活(Wireshark):seq {seq} 比下一个序号 {nextSeq} 小一(长度 {len});{who}再次检查{peer}是否还在。",
  "analysis.keep-alive-zero-window":
    "Wireshark 把它标为保活(seq {seq} 比下一个序号 {nextSeq} 小一,长度 {len}),但{peer}的窗口为 0:它更可能是 Linux 方式的零窗口探测(不带数据,序号为最早未确认序号减一):{who}在询问窗口是否已经打开。",
  "analysis.keep-alive-ack":
    "对保活的应答(Wireshark):{who}重复它的 ACK {ack},说明连接的这一端仍然存活。",
  "analysis.reused-ports":
    "这个 SYN+ACK 在本次抓包中较早的一个连接用过的端口上带来了新的初始序列号(Wireshark:端口复用);Wireshark 把它留在同一个流中。",
  "analysis.acked-frame": "它确认了帧 {frame} 的报文段。",
  "analysis.ack-rtt": "它确认了帧 {frame} 的报文段,距那个报文段发出 {rtt} 毫秒(这是在抓包点看到的往返时间)。",
  "handshake.options": "双方 SYN 协商的结果:{mss};{windowScale};{sack};{timestamps}。",
  "handshake.options-unknown": "没有抓到客户端的 SYN,所以它提出的选项以及双方最终协商的结果都未知。",
  "handshake.mss": "MSS:客户端 {client},服务器 {server}(各自愿意接收的最大报文段字节数)",
  "handshake.window-scale-on":
    "启用窗口缩放(RFC 7323):客户端的窗口以 {clientFactor} 字节为单位(移位 {clientShift}),服务器的以 {serverFactor} 字节为单位(移位 {serverShift})",
  "handshake.window-scale-off": "不使用窗口缩放:必须双方的 SYN 都提出(RFC 7323 §2.2),所以窗口就是普通的字节数,最大 65535",
  "handshake.sack-on": "允许选择性确认(SACK,RFC 2018)",
  "handshake.sack-off": "不使用选择性确认(必须双方的 SYN 都允许 SACK)",
  "handshake.timestamps-on": "启用时间戳(RFC 7323 §3:测量往返时间,防止序号回绕)",
  "handshake.timestamps-off": "不使用时间戳(必须双方的 SYN 都携带)",
  "handshake.syn-ack-acks-data":
    "检查:它的 ack {ack} 不是 j+1 = {expected},而是多了 {len}:它同时确认了 SYN 携带的 {len} 字节数据(TCP Fast Open,RFC 7413)。",
  "handshake.initial-rtt": "握手往返时间(Wireshark 的 iRTT):从 SYN 到这个 ACK 共 {rtt} 毫秒。",
  "handshake.ack-mismatch": "检查:它的 ack {ack} 不等于 k+1 = {expected},所以它并不恰好确认服务器的 SYN。",
  "word.client": "客户端",
  "word.server": "服务器",
  "word.not-announced": "未通告",
  "word.time-wait-over": "{who}在 TIME_WAIT 状态停留满 2MSL({twoMsl} 秒)后进入 CLOSED。",
};
