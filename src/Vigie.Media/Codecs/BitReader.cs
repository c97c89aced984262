namespace Vigie.Media.Codecs;

/// <summary>
/// Reads the bits of a NAL unit's payload MSB first, with the descriptors of ISO/IEC 14496-10 §7.2 and
/// ITU-T H.265 §7.2 (u(n), ue(v), se(v)). Emulation-prevention bytes (0x000003, §7.4.1 of both
/// specifications) are dropped on the fly, so callers read the RBSP without copying the NAL unit.
/// <para>
/// Never throws on malformed input: reading past the end or an exp-Golomb code longer than 32 bits
/// sets <see cref="Failed"/> and yields zeros. Parsers check <see cref="Failed"/> once at the end
/// (and before any value they use to size a loop), which keeps them free of try/catch on garbage.
/// </para>
/// </summary>
public ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _index;
    private int _zeros;
    private uint _current;
    private int _bitsLeft;

    public BitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>True once a read went past the end of the data or met an impossible code.</summary>
    public bool Failed { get; private set; }

    public uint ReadBit()
    {
        if (_bitsLeft == 0 && !LoadByte())
        {
            return 0;
        }

        _bitsLeft--;
        return (_current >> _bitsLeft) & 1;
    }

    public bool ReadFlag() => ReadBit() == 1;

    /// <summary>u(n) for n up to 32.</summary>
    public uint ReadBits(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 32);
        uint value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value << 1) | ReadBit();
        }

        return value;
    }

    /// <summary>u(n) for n up to 64 (the 48 constraint bits of H.265 profile_tier_level).</summary>
    public ulong ReadBits64(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 64);
        ulong value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value << 1) | ReadBit();
        }

        return value;
    }

    public void Skip(int count)
    {
        for (var i = 0; i < count && !Failed; i++)
        {
            ReadBit();
        }
    }

    /// <summary>ue(v), §9.1 of both specifications. Codes of more than 31 leading zeros fail.</summary>
    public uint ReadUe()
    {
        var leadingZeros = 0;
        while (ReadBit() == 0)
        {
            if (Failed || ++leadingZeros > 31)
            {
                Failed = true;
                return 0;
            }
        }

        if (leadingZeros == 0)
        {
            return 0;
        }

        return (uint)((1UL << leadingZeros) - 1 + ReadBits(leadingZeros));
    }

    /// <summary>se(v), §9.1.1: 1, 2, 3, 4... map to 1, -1, 2, -2...</summary>
    public int ReadSe()
    {
        var code = ReadUe();
        var magnitude = (int)((code + 1) / 2);
        return (code & 1) == 1 ? magnitude : -magnitude;
    }

    private bool LoadByte()
    {
        if (_index >= _data.Length)
        {
            Failed = true;
            return false;
        }

        var value = _data[_index++];
        if (_zeros >= 2 && value == 0x03)
        {
            // emulation_prevention_three_byte: not part of the RBSP.
            _zeros = 0;
            if (_index >= _data.Length)
            {
                Failed = true;
                return false;
            }

            value = _data[_index++];
        }

        _zeros = value == 0 ? _zeros + 1 : 0;
        _current = value;
        _bitsLeft = 8;
        return true;
    }
}
