// A deliberately slow read (counts to a billion) for the API's transaction-timeout test.
UNWIND range(1, 1000000000) AS x
RETURN count(x) AS n
