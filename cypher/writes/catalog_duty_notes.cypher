// Record import duty, VAT, the duty-free threshold and notes per language on each destination country.
UNWIND $rows AS row
MATCH (c:Country {code: row.country})
SET c += row.props
RETURN row.key AS key
