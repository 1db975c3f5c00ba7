@problemName Toy
@univariate true
@equalLength true
@seriesLength 3
@classLabel true up down
@data
1,2,3:up
3,2,1:down
