// Note on images that could not be embedded why (a file gone or changed into something unreadable since the load).
UNWIND $rows AS row
MATCH (i:Image {id: row.id})
SET i.image_error = row.reason
