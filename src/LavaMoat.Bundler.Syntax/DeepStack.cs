using System.Runtime.ExceptionServices;

namespace LavaMoat.Bundler.Syntax;

/// <summary>
/// Runs syntax work on threads whose stack fits the deepest tree the parser accepts
/// (<see cref="Parser.MaxNestingDepth"/> levels), so the recursive walkers that follow the parse (scope
/// analysis, the ESTree writer, transforms) never give up on a tree the parser built. A default 1 MB
/// thread holds only about a thousand levels of those walkers. The stack is reserved address space;
/// only the pages a deep tree touches are committed.
/// </summary>
public static class DeepStack
{
    public const int StackSize = 64 * 1024 * 1024;

    /// <summary>Runs <paramref name="work"/> on a deep-stack thread and returns its result or rethrows its exception.</summary>
    public static T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // every exception is handed back to the caller's thread and rethrown there
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            StackSize)
        {
            Name = "LavaMoat.Bundler deep-stack worker",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>
    /// Calls <paramref name="body"/> for every index below <paramref name="count"/>, spread over one
    /// deep-stack thread per processor. The first exception stops the remaining work and is rethrown.
    /// </summary>
    public static void For(int count, Action<int> body, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        var workers = new Thread[Math.Max(1, Math.Min(Environment.ProcessorCount, count))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = new Thread(
                () =>
                {
                    int index;
                    while (Volatile.Read(ref failure) is null && (index = Interlocked.Increment(ref next)) < count)
                    {
                        try
                        {
                            cancellation.ThrowIfCancellationRequested();
                            body(index);
                        }
#pragma warning disable CA1031 // handed back to the caller's thread and rethrown there
                        catch (Exception e)
#pragma warning restore CA1031
                        {
                            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                        }
                    }
                },
                StackSize)
            {
                Name = "LavaMoat.Bundler deep-stack worker",
            };
            workers[w].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        failure?.Throw();
    }

    /// <summary>
    /// Calls <paramref name="body"/> for every item of <paramref name="seeds"/> and for every item the calls add
    /// through their second argument, spread over one deep-stack thread per processor, until no item is left and
    /// no call is running. Unlike rounds of <see cref="For"/>, no worker waits for the others to finish a round
    /// (a graph walk where one big file would hold up every file found beside it). Items run in the order added
    /// (oldest first); the first exception stops the remaining work and is rethrown.
    /// </summary>
    public static void Drain<T>(IEnumerable<T> seeds, Action<T, Action<T>> body, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(body);
        var queue = new Queue<T>(seeds);
        var gate = new object();
        var running = 0;
        ExceptionDispatchInfo? failure = null;

        void Add(T item)
        {
            lock (gate)
            {
                queue.Enqueue(item);
                Monitor.Pulse(gate);
            }
        }

        void Work()
        {
            while (true)
            {
                T item;
                lock (gate)
                {
                    // An idle worker waits while others run: what they are doing may add items.
                    while (queue.Count == 0 && running > 0 && failure is null)
                    {
                        Monitor.Wait(gate);
                    }

                    if (failure is not null || queue.Count == 0)
                    {
                        Monitor.PulseAll(gate);
                        return;
                    }

                    item = queue.Dequeue();
                    running++;
                }

                try
                {
                    cancellation.ThrowIfCancellationRequested();
                    body(item, Add);
                }
#pragma warning disable CA1031 // handed back to the caller's thread and rethrown there
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                }
                finally
                {
                    lock (gate)
                    {
                        running--;
                        if (running == 0 || failure is not null)
                        {
                            Monitor.PulseAll(gate);
                        }
                    }
                }
            }
        }

        var workers = new Thread[Math.Max(1, Environment.ProcessorCount)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = new Thread(Work, StackSize) { Name = "LavaMoat.Bundler deep-stack worker" };
            workers[w].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        failure?.Throw();
    }
}
