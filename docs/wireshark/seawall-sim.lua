-- Wireshark/tshark dissectors for the frames seawall-sim traces carry that Wireshark has none for
-- (layouts in docs/traces.md):
--   * Seawall encapsulation: IPv4 protocol 253, magic "SW", sequence number, inner EtherType, then the inner packet
--   * Seawall feedback reports: UDP port 1514
--   * 802.1Qau congestion notification messages: EtherType 0x22E9
-- Use: wireshark -X lua_script:docs/wireshark/seawall-sim.lua FILE.pcap   (tshark takes the same option)

local encap = Proto("seawall", "Seawall encapsulation header")
local f_magic = ProtoField.uint16("seawall.magic", "Magic", base.HEX)
local f_seq = ProtoField.uint16("seawall.seq", "Sequence number", base.DEC)
local f_etype = ProtoField.uint16("seawall.ethertype", "Inner EtherType", base.HEX)
local f_pad = ProtoField.bytes("seawall.padding", "Padding")
local f_cut = ProtoField.bytes("seawall.inner_cut", "Inner packet, cut inside its headers")
encap.fields = { f_magic, f_seq, f_etype, f_pad, f_cut }

-- Whether the inner IPv4 header and its TCP or UDP header lie wholly within the captured bytes from off.
local function headers_captured(buf, off)
    local captured = buf:len() - off
    if captured < 20 then
        return false
    end
    local need = (buf(off, 1):uint() % 16) * 4
    local proto = buf(off + 9, 1):uint()
    if proto == 6 then
        if captured < need + 13 then
            return false
        end
        need = need + math.floor(buf(off + need + 12, 1):uint() / 16) * 4
    elseif proto == 17 then
        need = need + 8
    end
    return captured >= need
end

function encap.dissector(buf, pinfo, tree)
    if buf:len() < 8 or buf(0, 2):uint() ~= 0x5357 then
        return 0
    end
    local t = tree:add(encap, buf(0, 8))
    t:add(f_magic, buf(0, 2))
    t:add(f_seq, buf(2, 2))
    t:add(f_etype, buf(4, 2))
    -- encapBytes above 28 are zeros between this header and the inner IPv4 header (which starts 0x45).
    local off = 8
    while off < buf:len() and buf(off, 1):uint() == 0 do
        off = off + 1
    end
    if off > 8 then
        t:add(f_pad, buf(8, off - 8))
    end
    pinfo.cols.protocol = "Seawall"
    local inner_len = buf:reported_length_remaining(off)
    if inner_len <= 0 then
        return buf:len()
    end
    local cut = buf:len() - off < inner_len
    if cut and not headers_captured(buf, off) then
        -- Cut inside the inner headers. Lua cannot hand Wireshark a range whose reported length exceeds what was
        -- captured (Wireshark issue 15655): zeros would read as a bogus header, a short range as a malformed one.
        if off < buf:len() then
            t:add(f_cut, buf(off))
        end
        pinfo.cols.info = "Seawall-encapsulated packet, inner headers cut by the snap length (raise snapBytes)"
        return buf:len()
    end
    local inner
    if cut then
        -- Cut by the snap length in the payload. A sub-range would tell the IPv4 dissector it has only the captured
        -- bytes; the rest of a traced frame's payload is zeros, so rebuild the whole inner packet as a data source of
        -- its own. A cut inside the inner headers stays a cut (zeros there read as a bogus header).
        local ba = off < buf:len() and buf(off):bytes() or ByteArray.new()
        ba:set_size(inner_len)
        inner = ba:tvb("Inner packet (zeros past the snap length)")
    else
        inner = buf(off):tvb()
    end
    Dissector.get("ip"):call(inner, pinfo, tree)
    return buf:len()
end
DissectorTable.get("ip.proto"):add(253, encap)

local fb = Proto("swfb", "Seawall feedback report")
local fb_vm = ProtoField.uint32("swfb.src_vm", "Source VM", base.DEC)
local fb_magic = ProtoField.uint16("swfb.magic", "Magic", base.HEX)
local fb_flags = ProtoField.uint16("swfb.flags", "Flags", base.HEX)
local fb_shared = ProtoField.bool("swfb.flags.shared", "Shared congestion", 16, nil, 0x0001)
local fb_cong = ProtoField.bool("swfb.flags.congested", "Congested", 16, nil, 0x0002)
local fb_src = ProtoField.uint32("swfb.src_host", "Source host", base.DEC)
local fb_dst = ProtoField.uint32("swfb.dst_host", "Reporting host", base.DEC)
local fb_idx = ProtoField.uint32("swfb.interval_index", "Interval index", base.DEC)
local fb_int = ProtoField.uint32("swfb.interval_us", "Interval (us)", base.DEC)
local fb_pk = ProtoField.uint32("swfb.packets", "Packets", base.DEC)
local fb_by = ProtoField.uint64("swfb.bytes", "Bytes", base.DEC)
local fb_lost = ProtoField.uint32("swfb.lost", "Lost", base.DEC)
local fb_marked = ProtoField.uint32("swfb.marked", "ECN marked", base.DEC)
local fb_lcs = ProtoField.uint16("swfb.last_congested_seq", "Last congested sequence number", base.DEC)
local fb_hs = ProtoField.uint16("swfb.highest_seq", "Highest sequence number", base.DEC)
fb.fields = { fb_vm, fb_magic, fb_flags, fb_shared, fb_cong, fb_src, fb_dst, fb_idx, fb_int, fb_pk, fb_by,
    fb_lost, fb_marked, fb_lcs, fb_hs }

function fb.dissector(buf, pinfo, tree)
    if buf:len() < 46 or buf(4, 2):uint() ~= 0x5357 then
        return 0
    end
    local t = tree:add(fb, buf(0, 46))
    t:add(fb_vm, buf(0, 4))
    t:add(fb_magic, buf(4, 2))
    local fl = t:add(fb_flags, buf(6, 2))
    fl:add(fb_shared, buf(6, 2))
    fl:add(fb_cong, buf(6, 2))
    t:add(fb_src, buf(8, 4))
    t:add(fb_dst, buf(12, 4))
    t:add(fb_idx, buf(16, 4))
    t:add(fb_int, buf(20, 4))
    t:add(fb_pk, buf(24, 4))
    t:add(fb_by, buf(28, 6), UInt64.new(buf(30, 4):uint(), buf(28, 2):uint()))
    t:add(fb_lost, buf(34, 4))
    t:add(fb_marked, buf(38, 4))
    t:add(fb_lcs, buf(42, 2))
    t:add(fb_hs, buf(44, 2))
    pinfo.cols.protocol = "SW-FB"
    pinfo.cols.info = string.format("feedback: VM %d, interval %d, %d packets, %d lost, %d marked",
        buf(0, 4):uint(), buf(16, 4):uint(), buf(24, 4):uint(), buf(34, 4):uint(), buf(38, 4):uint())
    return 46
end
DissectorTable.get("udp.port"):add(1514, fb)

local cnm = Proto("cnm", "802.1Qau congestion notification message")
local c_ver = ProtoField.uint16("cnm.version", "Version", base.DEC, nil, 0xF000)
local c_fb = ProtoField.uint16("cnm.qntzfb", "Quantized feedback", base.DEC, nil, 0x003F)
local c_cpid = ProtoField.bytes("cnm.cpid", "Congestion point id")
local c_qoff = ProtoField.int16("cnm.qoffset", "Queue offset (64 B units)", base.DEC)
local c_qdelta = ProtoField.int16("cnm.qdelta", "Queue delta (64 B units)", base.DEC)
local c_prio = ProtoField.uint16("cnm.priority", "Encapsulated priority", base.DEC)
local c_da = ProtoField.ether("cnm.da", "Encapsulated destination MAC")
local c_len = ProtoField.uint16("cnm.msdu_len", "Encapsulated MSDU length", base.DEC)
local c_hash = ProtoField.uint64("cnm.flow_hash", "Sampled flow's hash", base.HEX)
cnm.fields = { c_ver, c_fb, c_cpid, c_qoff, c_qdelta, c_prio, c_da, c_len, c_hash }

function cnm.dissector(buf, pinfo, tree)
    if buf:len() < 32 then
        return 0
    end
    local t = tree:add(cnm, buf(0, 32))
    t:add(c_ver, buf(0, 2))
    t:add(c_fb, buf(0, 2))
    t:add(c_cpid, buf(2, 8))
    t:add(c_qoff, buf(10, 2))
    t:add(c_qdelta, buf(12, 2))
    t:add(c_prio, buf(14, 2))
    t:add(c_da, buf(16, 6))
    t:add(c_len, buf(22, 2))
    t:add(c_hash, buf(24, 8))
    pinfo.cols.protocol = "CNM"
    pinfo.cols.info = string.format("congestion notification: feedback %d", buf(0, 2):bitfield(10, 6))
    return 32
end
DissectorTable.get("ethertype"):add(0x22E9, cnm)
