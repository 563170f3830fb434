"""The shared databases: wanted and missing persons, stolen and lost travel documents, stolen
vehicles, firearms and works of art, each owned by a bureau and shared by its visibility rule.

Every create, update and delete appends to the change feed (``RecordChange``) that the screening
index tails, and is audited in the same transaction.
"""
