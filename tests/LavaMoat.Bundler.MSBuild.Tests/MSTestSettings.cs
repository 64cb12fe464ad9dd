// Each class drives whole `dotnet` builds; two at a time is what the 2-core CI machine can take.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
