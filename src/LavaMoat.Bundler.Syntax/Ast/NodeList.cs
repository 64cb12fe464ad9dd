using System.Collections;

namespace LavaMoat.Bundler.Syntax.Ast;

/// <summary>An immutable list of child nodes; a thin wrapper over an array so walking it does not allocate.</summary>
public readonly struct NodeList<T> : IReadOnlyList<T>
{
    private readonly T[]? _items;

    public NodeList(T[] items) => _items = items;

    public NodeList(List<T> items) => _items = items.ToArray();

    public int Count => _items?.Length ?? 0;

    public T this[int index] => (_items ?? [])[index];

    public ReadOnlySpan<T> AsSpan() => _items;

    public Enumerator GetEnumerator() => new(_items ?? []);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => (_items ?? []).GetEnumerator();

    public struct Enumerator
    {
        private readonly T[] _items;
        private int _index;

        internal Enumerator(T[] items)
        {
            _items = items;
            _index = -1;
        }

        public readonly T Current => _items[_index];

        public bool MoveNext() => ++_index < _items.Length;
    }
}
