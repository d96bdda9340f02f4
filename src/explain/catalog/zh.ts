import type { Catalog } from "./catalog.js";

/** 中文。花括号里是占位符;client/server 的值由 word.* 翻译。 */
export const zh: Catalog = {
  "step.syn":
    "{who}发起连接(主动打开,connect()):发送 SYN,初始序列号 j = {isn}。SYN 不携带数据,但要消耗一个序号,所以{who}的第一个数据字节将是 j+1 = {next}。",
  "step.syn-ack":
    "{who}同意建立连接(被动打开):回复 SYN+ACK,自己的初始序列号 k = {isn},确认号 ack = j+1 = {ack},表示已收到{peer}的 SYN j = {peerIsn}。这个 SYN 同样消耗一个序号。",
  "step.handshake-ack":
    "{who}确认{peer}的 SYN:ack = k+1 = {ack}。纯 ACK 不消耗序号,所以{who}的 seq 仍是 j+1 = {seq}。为什么是三次而不是两次:到这一步双方才都看到对方确认了自己的初始序列号,才都能确认两个方向的收发都正常。",
  "step.crossing-syn":
    "{who}在{peer}的 SYN 到达之前也发出了自己的 SYN(初始序列号 {isn}):双方同时打开连接(同时打开)。双方都会用 SYN+ACK 确认对方的 SYN。",
  "step.crossing-syn-ack": "{who}重发自己的 SYN 并确认{peer}的 SYN:ack = {ack}(同时打开)。",
  "step.fin":
    "{who}关闭自己的发送方向(主动关闭,close()):FIN,seq = {seq}。FIN 和 SYN 一样消耗一个序号,所以{peer}将确认 {next}。在{peer}也关闭之前,它仍可以继续发送数据。",
  "step.ack-of-fin":
    "{who}确认{peer}的 FIN:ack = {ack}。它自己的 FIN 要等数据发完后再单独发送(四次挥手);在此之前连接处于半关闭状态。",
  "step.second-fin": "{who}的数据已发送完毕,也关闭连接(被动关闭):FIN,seq = {seq}。",
  "step.fin-ack-of-fin":
    "{who}确认{peer}的 FIN(ack = {ack}),并在同一个报文段里关闭自己的方向,FIN,seq = {seq}:三次挥手。",
  "step.last-ack": "{who}确认{peer}的 FIN:ack = {ack},这是挥手的最后一个报文段。",
  "step.last-ack-time-wait":
    "{who}在 TIME_WAIT 状态停留 2MSL(这里是 {twoMsl} 秒)后才进入 CLOSED:如果这个最后的 ACK 丢失,{peer}会重发 FIN,{who}仍能再次应答;同时让这个连接残留在网络中的报文段全部消失,之后同样的端口才能用于新连接。",
  "step.crossing-fin":
    "{who}在{peer}的 FIN 到达之前也发出了自己的 FIN(它的 ack {ack} 没有覆盖那个 FIN):双方同时关闭(同时关闭),所以双方都经过 CLOSING,而不是 CLOSE_WAIT 和 LAST_ACK。",
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
  "note.syn-retransmitted": "初始序列号与之前相同:这是重传,之前那个没有及时得到应答。",
  "note.fin-retransmitted": "重传的 FIN(序号与之前相同)。",
  "note.fin-retransmitted-in-time-wait":
    "FIN 被重传给处于 TIME_WAIT 的一方:这正是 TIME_WAIT 存在的原因。最后的 ACK 丢失了;处于 TIME_WAIT 的一方再次应答,并重新开始 2MSL 计时。",
  "note.rst-not-acceptable": "这个 RST 的序号不在接收方的窗口内,接收方会忽略它(RFC 9293 §3.10.7.4,RFC 5961)。",
  "note.syn-with-data": "这个 SYN 携带了 {len} 字节数据(TCP Fast Open,RFC 7413)。",
  "note.handshake-ack-with-data":
    "第三次握手的报文段已经携带了 {len} 字节数据:这是允许的,因为客户端已处于 ESTABLISHED。前两次握手不能携带数据:如果 SYN 可以带数据,SYN 洪泛攻击就会更多地消耗服务器的内存。",
  "note.syn-ack-bad-ack": "它的 ack {ack} 没有确认客户端的 SYN(应为 j+1 = {expected}):客户端应当回复 RST。",
  "note.segment-after-close": "接收方已经处于 CLOSED:它会回复 RST。",
  "word.client": "客户端",
  "word.server": "服务器",
  "word.time-wait-over": "进入 TIME_WAIT 2MSL({twoMsl} 秒)之后,{who}进入 CLOSED。",
};
