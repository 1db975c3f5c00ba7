# comment
@timeStamps false
@classLabel true a a
@data
1:a
